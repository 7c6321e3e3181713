import { randomUUID } from 'node:crypto';
import azureFunctions from '@azure/functions';
import { authenticated } from '../src/http/handler';
import { routes } from '../src/routes';
import type { Services } from '../src/services';

const { HttpRequest, InvocationContext } = azureFunctions;

export interface InProcessCall {
  token: string;
  params?: Record<string, string>;
  /** The query string's parameters. */
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Calls route handlers in this process, through the same wrapper and token check as HTTP. */
export function inProcessApi(services: Services, onLog?: (level: string, message: string) => void) {
  return async (
    routeName: string,
    call: InProcessCall,
  ): Promise<{ status: number; body: unknown; etag: string | null }> => {
    const route = routes.find((entry) => entry.name === routeName);
    if (!route) throw new Error(`No route named ${routeName}.`);
    const [method] = route.methods;
    if (!method) throw new Error(`Route ${routeName} has no method.`);
    const headers: Record<string, string> = { authorization: `Bearer ${call.token}`, ...call.headers };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    const request = new HttpRequest({
      method,
      url: `http://in-process/api/${route.route}${call.query ? `?${new URLSearchParams(call.query).toString()}` : ''}`,
      headers,
      params: call.params ?? {},
      ...(call.body !== undefined ? { body: { string: JSON.stringify(call.body) } } : {}),
    });
    const response = await authenticated(route, () => Promise.resolve(services))(
      request,
      new InvocationContext({
        functionName: route.name,
        invocationId: randomUUID(),
        ...(onLog
          ? {
              logHandler: (level, ...args) => {
                onLog(level, args.map(String).join(' '));
              },
            }
          : {}),
      }),
    );
    const responseHeaders = new Headers(response.headers);
    const text = typeof response.body === 'string' ? response.body : '';
    return {
      status: response.status ?? 200,
      body: text ? (JSON.parse(text) as unknown) : null,
      etag: responseHeaders.get('etag'),
    };
  };
}
