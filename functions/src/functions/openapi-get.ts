import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { json } from '../http/response';
import { openApiDocument, type DescribedRoute, type OpenApiVersion } from '../openapi';

/** A route served without a token: it reads nothing of anyone's. */
export type PublicHandler = (request: HttpRequest) => Promise<HttpResponseInit>;

/**
 * GET /api/openapi.json (3.1.0) and /api/openapi-3.0.json (3.0.3): the API's description, made from
 * the route table and the contract. The document depends only on the version and the host it was
 * asked on, so each is made once per host and kept for the process (a few, immutable).
 */
export function openApiHandler(version: OpenApiVersion, routes: () => readonly DescribedRoute[]): PublicHandler {
  const made = new Map<string, string>();
  return (request) => {
    const serverUrl = `${new URL(request.url).origin}/api`;
    let body = made.get(serverUrl);
    if (body === undefined) {
      body = JSON.stringify(openApiDocument(routes(), version, { serverUrl }));
      if (made.size < 8) made.set(serverUrl, body);
    }
    return Promise.resolve({ ...json(200, null), body });
  };
}
