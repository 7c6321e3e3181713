import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { openApiDocument, type JsonObject } from '../../functions/src/openapi';
import { publicRoutes, routes } from '../../functions/src/routes';

/**
 * Real answers held to the API's OpenAPI 3.1 document: the route and method must be described, the
 * status among the operation's responses, the body valid against the response's schema (JSON Schema
 * 2020-12, as OpenAPI 3.1 defines it) and the headers it declares required present.
 */

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

interface Operation {
  name: string;
  method: string;
  pattern: RegExp;
  responses: Record<string, JsonObject>;
}

let prepared: { operations: Operation[]; ajv: Ajv2020; validators: Map<string, ValidateFunction> } | undefined;

function prepare() {
  if (prepared) return prepared;
  const document = openApiDocument([...routes, ...publicRoutes], '3.1.0', { serverUrl: 'https://api.example/api' });
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'openapi', components: document.components }, 'openapi');
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, JsonObject>>)) {
    const pattern = new RegExp(`^/api${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}/?$`);
    for (const [method, operation] of Object.entries(item))
      operations.push({
        name: operation.operationId as string,
        method: method.toUpperCase(),
        pattern,
        responses: operation.responses as Record<string, JsonObject>,
      });
  }
  prepared = { operations, ajv, validators: new Map() };
  return prepared;
}

/** The operation a request reaches, or null when the document describes no such route and method. */
export function operationFor(method: string, path: string): string | null {
  const pathname = new URL(path, 'http://host').pathname;
  return prepare().operations.find((entry) => entry.method === method && entry.pattern.test(pathname))?.name ?? null;
}

/** Problems with an answer, as sentences; empty when it is what the document says. */
export function checkAnswer(
  method: string,
  path: string,
  status: number,
  headers: Headers,
  body: unknown,
): { operation: string | null; problems: string[] } {
  const { operations, ajv, validators } = prepare();
  const pathname = new URL(path, 'http://host').pathname;
  const operation = operations.find((entry) => entry.method === method && entry.pattern.test(pathname));
  if (!operation) return { operation: null, problems: [] };
  const where = `${method} ${pathname} (${operation.name}) answered ${status}`;
  const response = operation.responses[String(status)];
  if (!response) return { operation: operation.name, problems: [`${where}, which the document does not describe.`] };
  const problems: string[] = [];
  for (const [name, header] of Object.entries((response.headers ?? {}) as Record<string, { required?: boolean }>))
    if (header.required && !headers.has(name)) problems.push(`${where} without the required ${name} header.`);
  const content = (response.content ?? {}) as Record<string, { schema?: JsonObject }>;
  const type = (headers.get('content-type') ?? '').split(';')[0]!.trim();
  if (Object.keys(content).length === 0) {
    if (body !== '' && body !== undefined) problems.push(`${where} with a body the document does not describe.`);
    return { operation: operation.name, problems };
  }
  const media = content[type];
  if (!media) {
    problems.push(`${where} as ${type || 'no content type'}, not ${Object.keys(content).join(' or ')}.`);
    return { operation: operation.name, problems };
  }
  const ref = (media.schema?.$ref as string | undefined)?.replace(/^#/, 'openapi#');
  if (ref) {
    let validate = validators.get(ref);
    if (!validate) {
      validate = ajv.compile({ $ref: ref });
      validators.set(ref, validate);
    }
    if (!validate(body))
      problems.push(
        `${where} with a body that does not match ${ref}: ${ajv.errorsText(validate.errors, { separator: '; ' })}`,
      );
  }
  return { operation: operation.name, problems };
}
