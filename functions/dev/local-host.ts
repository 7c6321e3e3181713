import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import azureFunctions, { type HttpHandler, type HttpResponseInit } from '@azure/functions';
import { MAX_BODY_BYTES } from '../src/contract';
import { authenticated } from '../src/http/handler';
import { ApiError, problemResponse } from '../src/http/problem';
import { publicRoutes, routes } from '../src/routes';
import type { Services } from '../src/services';

const { HttpRequest, InvocationContext } = azureFunctions;

interface CompiledRoute {
  name: string;
  methods: string[];
  pattern: RegExp;
  params: string[];
  handler: HttpHandler;
}

/** Turns an Azure Functions route template ("plans/{employeeId}") into a matcher. */
function compile(template: string): { pattern: RegExp; params: string[] } {
  const params: string[] = [];
  const source = template
    .split('/')
    .map((segment) => {
      const [, param] = /^\{(\w+)\}$/.exec(segment) ?? [];
      if (param) {
        params.push(param);
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { pattern: new RegExp(`^/api/${source}/?$`), params };
}

/** The body, or null when it is over the cap. Past the cap the rest is read and dropped, so the connection stays usable. */
async function readBody(request: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  return size > MAX_BODY_BYTES ? null : Buffer.concat(chunks);
}

/** The route's parameters, percent-decoded; null when a segment's percent-encoding is malformed ("%", "%zz", "%E0%A4%A"). */
function decodeParams(names: readonly string[], match: RegExpExecArray): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (const [index, name] of names.entries()) {
    try {
      params[name] = decodeURIComponent(match[index + 1] ?? '');
    } catch {
      return null;
    }
  }
  return params;
}

function send(response: ServerResponse, init: HttpResponseInit): void {
  const headers = new Headers(init.headers);
  response.statusCode = init.status ?? 200;
  headers.forEach((value, key) => response.setHeader(key, value));
  response.end(typeof init.body === 'string' ? init.body : undefined);
}

export interface LocalHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface LocalHostOptions {
  services: Services;
  port?: number;
  /** Requests outside /api (the tab, the preview) go here when given. */
  fallback?: (request: IncomingMessage, response: ServerResponse) => void;
}

/** A request as the local host received it: the method, the URL as sent, its headers, and its body (null past the cap). */
export interface LocalRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: Buffer | null;
}

/**
 * The local host's routing, without the socket: matches the route table, decodes path parameters,
 * caps the body, and hands an @azure/functions HttpRequest to the same handler wrapper as in Azure.
 * The server below uses it for every /api request; tests that send many requests call it directly.
 */
export function localApi(services: Services): (request: LocalRequest) => Promise<HttpResponseInit> {
  const ready = Promise.resolve(services);
  const compiled: CompiledRoute[] = [
    ...routes.map((route) => ({
      name: route.name,
      methods: route.methods,
      ...compile(route.route),
      handler: authenticated(route, () => ready),
    })),
    // The API's description, without a token, as in Azure.
    ...publicRoutes.map((route) => ({
      name: route.name,
      methods: route.methods,
      ...compile(route.route),
      handler: (request: azureFunctions.HttpRequest) => route.handler(request),
    })),
  ];
  return async ({ method, url, headers, body }) => {
    const matches = compiled.flatMap((route) => {
      const match = route.pattern.exec(url.pathname);
      return match ? [{ route, match }] : [];
    });
    if (matches.length === 0)
      return problemResponse(new ApiError(404, 'Not found', `No API route at ${url.pathname}.`));
    const hit = matches.find((entry) => entry.route.methods.includes(method));
    if (!hit) {
      const allow = [...new Set(matches.flatMap((entry) => entry.route.methods))].join(', ');
      return problemResponse(new ApiError(405, 'Method not allowed', `Use ${allow} here.`), { Allow: allow });
    }
    if (body === null) {
      return problemResponse(
        new ApiError(
          413,
          'Request too large',
          `The body is over ${MAX_BODY_BYTES / 1024} KiB; nothing here needs that much.`,
        ),
      );
    }
    const params = decodeParams(hit.route.params, hit.match);
    if (!params) {
      // A path segment that is not valid percent-encoding names nothing: refused before any handler runs.
      return problemResponse(
        new ApiError(400, 'Malformed path', 'A part of this address is not valid percent-encoding (%XX).'),
      );
    }
    const httpRequest = new HttpRequest({
      method,
      url: url.toString(),
      headers,
      query: Object.fromEntries(url.searchParams),
      params,
      ...(body.length > 0 ? { body: { bytes: body } } : {}),
    });
    const invocation = new InvocationContext({ functionName: hit.route.name, invocationId: randomUUID() });
    return hit.route.handler(httpRequest, invocation);
  };
}

/**
 * Serves the route table over node:http, the way the Functions host would: each request becomes
 * an @azure/functions HttpRequest and goes through the same handler wrapper as in Azure.
 */
export async function startLocalHost(options: LocalHostOptions): Promise<LocalHost> {
  const api = localApi(options.services);
  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', `http://${request.headers.host ?? 'localhost'}`);
      if (!url.pathname.startsWith('/api/') && options.fallback) {
        options.fallback(request, response);
        return;
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      const body = await readBody(request);
      send(response, await api({ method: request.method ?? 'GET', url, headers, body }));
    })().catch((error: unknown) => {
      console.error('Local host failure:', error instanceof Error ? error.message : error);
      if (!response.headersSent)
        send(response, problemResponse(new ApiError(500, 'Something went wrong on our side', 'Nothing was changed.')));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
