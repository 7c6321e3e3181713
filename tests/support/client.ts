import { expect } from 'vitest';
import { ProblemSchema } from '../../functions/src/contract';
import type { TestStack } from './stack';

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
  etag: string | null;
}

export interface CallOptions {
  body?: unknown;
  /** Sent as is, for malformed bodies. */
  rawBody?: string;
  headers?: Record<string, string>;
  ifMatch?: string;
}

/** A caller of the local API over real HTTP, with a real dev token. */
export function clientFor(stack: TestStack, token: string | null) {
  const call = async <T = unknown>(
    method: string,
    path: string,
    options: CallOptions = {},
  ): Promise<ApiResponse<T>> => {
    const headers: Record<string, string> = { ...options.headers };
    if (token) headers.authorization = `Bearer ${token}`;
    if (options.ifMatch) headers['if-match'] = options.ifMatch;
    let body: string | undefined;
    if (options.rawBody !== undefined) body = options.rawBody;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const response = await fetch(`${stack.url}/api/${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      body: (text && type.includes('json') ? (JSON.parse(text) as unknown) : text) as T,
      headers: response.headers,
      etag: response.headers.get('etag'),
    };
  };
  return {
    get: <T = unknown>(path: string, options?: CallOptions) => call<T>('GET', path, options),
    post: <T = unknown>(path: string, body?: unknown, options: CallOptions = {}) =>
      call<T>('POST', path, { ...options, body }),
    put: <T = unknown>(path: string, body?: unknown, options: CallOptions = {}) =>
      call<T>('PUT', path, { ...options, body }),
    patch: <T = unknown>(path: string, body?: unknown, options: CallOptions = {}) =>
      call<T>('PATCH', path, { ...options, body }),
    delete: <T = unknown>(path: string, options?: CallOptions) => call<T>('DELETE', path, options),
    call,
  };
}

export type Client = ReturnType<typeof clientFor>;

/** A 4xx answer in problem+json with a message a person can read. */
export function expectProblem(response: ApiResponse, status: number): void {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = ProblemSchema.parse(response.body);
  expect(problem.status).toBe(status);
  expect(problem.detail.length).toBeGreaterThan(10);
}

/** Asserts the status and parses the body with the contract's schema: the response must match the contract. */
export function expectBody<S extends { parse(data: unknown): unknown }>(
  response: ApiResponse,
  status: number,
  schema: S,
): ReturnType<S['parse']> {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  return schema.parse(response.body) as ReturnType<S['parse']>;
}
