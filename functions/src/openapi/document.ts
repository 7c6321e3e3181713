import * as z from 'zod';
import { MAX_BODY_BYTES, ProblemSchema } from '../contract';
import { OPERATIONS, PATH_PARAMETERS, type OperationDescription, type ResponseDescription } from './operations';

/**
 * The OpenAPI description of the API, made from the route table and the contract's zod schemas
 * (`z.toJSONSchema`): 3.1.0, whose schemas are JSON Schema 2020-12, and 3.0.3 for tools that read no
 * 3.1 (Copilot API plugins, Power Platform custom connectors), whose schemas are zod's OpenAPI 3.0
 * rendering. Request bodies and parameters are described as the API accepts them (zod's input),
 * answers as it sends them (output).
 */

export type OpenApiVersion = '3.1.0' | '3.0.3';
export type JsonObject = Record<string, unknown>;

/** The part of a route-table row the document needs. */
export interface DescribedRoute {
  name: string;
  methods: readonly string[];
  route: string;
}

export interface DocumentOptions {
  /** Where the API is: https://<host>/api. */
  serverUrl: string;
  /** The app registration's client id, for the access_as_user scope's name; a placeholder when unknown. */
  clientId?: string;
  version?: string;
}

/** Headers the API reads and sends, described once. */
const ETAG_HEADER = {
  description: 'The version of what was answered: send it back in If-Match to change it.',
  schema: { type: 'string', maxLength: 200 },
};
const RETRY_AFTER_HEADER = {
  description: 'Seconds to wait before trying again.',
  schema: { type: 'integer', minimum: 0, maximum: 86400 },
};
const CACHE_CONTROL_HEADER = {
  description: 'Always no-store: answers hold people’s plans.',
  schema: { type: 'string', enum: ['no-store'] },
};
const CORS_HEADER = {
  description:
    'Set by Azure (the Function App’s CORS list) for the tab’s own origins only; absent for any other origin.',
  schema: { type: 'string', maxLength: 200 },
};
/** The headers every answer carries. */
const COMMON_HEADERS = { 'Cache-Control': CACHE_CONTROL_HEADER, 'Access-Control-Allow-Origin': CORS_HEADER };

const PROBLEM_WORDS: Record<number, string> = {
  400: 'The request is not valid: its body, query or a header (the fields are named in `errors`).',
  401: 'No valid token: send `Authorization: Bearer <token>` for `access_as_user`.',
  403: 'Not allowed for this person (employee-only, or not the owner), or the tenant’s admin has not consented.',
  404: 'No such plan, conversation or item here — or not yours: the same answer either way.',
  409: 'The state forbids it (agreed, a draft exists, nothing to take back, no manager).',
  410: 'A retried create whose record was removed since.',
  412: 'Changed by someone else since the version sent: `current` holds it as it is now.',
  413: `The body is over ${MAX_BODY_BYTES / 1024} KiB.`,
  415: 'Not JSON: send `Content-Type: application/json`.',
  422: 'A content rule says no (ownership, kind of learning, limits, dates).',
  428: 'Say which version you change: send the ETag you read as If-Match.',
  500: 'Something went wrong on our side; nothing was changed.',
  503: 'The directory (Microsoft Graph) or live updates are busy: try again after Retry-After.',
};

/** How the API checks a token, in the words of RFC8725 (JSON Web Token Best Current Practices). */
const JWT_CHECKS =
  'The API verifies it as RFC8725 asks: RS256 only against Entra ID’s published keys, the issuer of an allowed tenant, this registration as audience, expiry (2 minutes of clock tolerance) and the access_as_user scope; access tokens live about an hour.';

type Io = 'input' | 'output';

function jsonSchema(schema: z.ZodType, version: OpenApiVersion, io: Io): JsonObject {
  const rendered = z.toJSONSchema(schema, {
    target: version === '3.1.0' ? 'draft-2020-12' : 'openapi-3.0',
    io,
    // Refinements (text rules) and transforms have no JSON Schema: the schema then says what it can.
    unrepresentable: 'any',
  }) as JsonObject;
  delete rendered.$schema;
  return version === '3.0.3' ? withNullInNullableEnums(rendered) : rendered;
}

/**
 * OpenAPI 3.0.3 says a nullable enum lists null among its values (else null, and a null default, would
 * not validate); zod's 3.0 rendering leaves it out, so it is added here.
 */
function withNullInNullableEnums(node: JsonObject): JsonObject {
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) {
      for (const entry of value) if (entry && typeof entry === 'object') withNullInNullableEnums(entry as JsonObject);
    } else if (value && typeof value === 'object') withNullInNullableEnums(value as JsonObject);
  }
  const values: unknown = node.enum;
  if (node.nullable === true && Array.isArray(values) && !values.includes(null))
    node.enum = [...(values as unknown[]), null];
  return node;
}

/** A component's name from its route and role, in the form OpenAPI asks (letters, digits, ., -, _). */
function componentName(routeName: string, suffix: string): string {
  const words = routeName.split('-').map((word) => word.charAt(0).toUpperCase() + word.slice(1));
  return `${words.join('')}${suffix}`;
}

/** `plans/{employeeId}/conversations` → `/plans/{employeeId}/conversations` below the server URL. */
function pathOf(route: string): string {
  return `/${route}`;
}

function pathParameters(route: string, version: OpenApiVersion): JsonObject[] {
  return [...route.matchAll(/\{(\w+)\}/g)].map(([, name = '']) => {
    const parameter = PATH_PARAMETERS[name];
    if (!parameter)
      throw new Error(`The route ${route} has a parameter {${name}} that operations.ts does not describe.`);
    return {
      name,
      in: 'path',
      required: true,
      description: parameter.description,
      schema: jsonSchema(parameter.schema, version, 'input'),
    };
  });
}

function queryParameters(query: z.ZodObject, version: OpenApiVersion): JsonObject[] {
  const rendered = jsonSchema(query, version, 'input');
  const properties = (rendered.properties ?? {}) as Record<string, JsonObject>;
  const required = new Set((rendered.required ?? []) as string[]);
  return Object.entries(properties).map(([name, schema]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema,
  }));
}

function headerParameters(operation: OperationDescription): JsonObject[] {
  const parameters: JsonObject[] = [];
  if (operation.ifMatch) {
    parameters.push({
      name: 'If-Match',
      in: 'header',
      required: operation.ifMatch === 'required',
      description:
        operation.ifMatch === 'required'
          ? 'The ETag of the version you change (not `*`): 428 without it, 412 when it is stale.'
          : 'The ETag of the version you change, once there is one: 412 when it is stale.',
      schema: { type: 'string', maxLength: 200 },
    });
  }
  if (operation.ifNoneMatch) {
    parameters.push({
      name: 'If-None-Match',
      in: 'header',
      required: false,
      description: 'The ETag of the view you hold: 304 while it is current.',
      schema: { type: 'string', maxLength: 200 },
    });
  }
  if (operation.idempotencyKey) {
    parameters.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description: 'A key of your choosing (a UUID works): a retry with the same key answers the first result.',
      schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,64}$', minLength: 8, maxLength: 64 },
    });
  }
  return parameters;
}

/** The error statuses a route answers: those of every route, of its inputs, and its own. */
export function problemStatuses(route: string, operation: OperationDescription): number[] {
  if (operation.public) return [500];
  const statuses = new Set([401, 403, 500, 503, ...(operation.problems ?? [])]);
  if (route.includes('{')) statuses.add(404);
  if (operation.query) statuses.add(400);
  if (operation.body) for (const status of [400, 413, 415]) statuses.add(status);
  if (operation.idempotencyKey) statuses.add(400);
  if (operation.ifMatch) {
    statuses.add(412);
    statuses.add(428);
  }
  return [...statuses].sort((a, b) => a - b);
}

function successResponse(response: ResponseDescription, schemaRef: string | null): JsonObject {
  const headers: JsonObject = { ...COMMON_HEADERS };
  if (response.etag) headers.ETag = { ...ETAG_HEADER, required: response.etag === true };
  if (response.location)
    headers.Location = {
      description: 'Where the new record is read: /api/plans/{employeeId}/conversations/{conversationId}.',
      required: true,
      schema: { type: 'string', maxLength: 200 },
    };
  const content: JsonObject = {};
  if (schemaRef) content['application/json'] = { schema: { $ref: schemaRef } };
  if (response.anyJsonObject) content['application/json'] = { schema: { type: 'object' } };
  if (response.orMarkdown) content['text/markdown'] = { schema: { type: 'string', maxLength: 10_000_000 } };
  return {
    description: response.description,
    headers,
    ...(Object.keys(content).length > 0 ? { content } : {}),
  };
}

function problemResponse(status: number): JsonObject {
  const headers: JsonObject = { ...COMMON_HEADERS };
  if (status === 503) headers['Retry-After'] = RETRY_AFTER_HEADER;
  if (status === 401)
    headers['WWW-Authenticate'] = {
      description: 'Bearer error="invalid_token"',
      schema: { type: 'string', maxLength: 200 },
    };
  return {
    description: PROBLEM_WORDS[status] ?? 'A problem.',
    headers,
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  };
}

export function openApiDocument(
  routes: readonly DescribedRoute[],
  openapi: OpenApiVersion,
  options: DocumentOptions,
): JsonObject {
  const schemas: Record<string, JsonObject> = { Problem: jsonSchema(ProblemSchema, openapi, 'output') };
  /** Each distinct contract schema becomes one component, named after the first route that uses it. */
  const named = new Map<z.ZodType, string>();
  const refTo = (schema: z.ZodType, name: string, io: Io): string => {
    let component = named.get(schema);
    if (!component) {
      component = name;
      named.set(schema, component);
      schemas[component] = jsonSchema(schema, openapi, io);
    }
    return `#/components/schemas/${component}`;
  };

  const paths: Record<string, JsonObject> = {};
  for (const route of routes) {
    const operation = OPERATIONS[route.name];
    if (!operation) throw new Error(`The route ${route.name} is not described in functions/src/openapi/operations.ts.`);
    const item = (paths[pathOf(route.route)] ??= {});
    for (const method of route.methods) {
      const responses: JsonObject = {};
      for (const [status, response] of Object.entries(operation.responses)) {
        const ref = response.schema
          ? refTo(response.schema, componentName(route.name, status === '304' ? 'NotModified' : 'Response'), 'output')
          : null;
        responses[status] = successResponse(response, ref);
      }
      for (const status of problemStatuses(route.route, operation)) responses[String(status)] = problemResponse(status);
      item[method.toLowerCase()] = {
        operationId: route.name,
        summary: operation.summary,
        description: operation.description ?? `${operation.summary}.`,
        tags: [operation.tag],
        parameters: [
          ...pathParameters(route.route, openapi),
          ...(operation.query ? queryParameters(operation.query, openapi) : []),
          ...headerParameters(operation),
        ],
        ...(operation.body
          ? {
              requestBody: {
                required: true,
                content: {
                  'application/json': {
                    schema: { $ref: refTo(operation.body, componentName(route.name, 'Request'), 'input') },
                  },
                },
              },
            }
          : {}),
        responses,
        // Public routes say so; the rest take the document's bearer token.
        ...(operation.public ? { security: [] } : {}),
      };
    }
  }

  const scope = `api://<tab domain>/${options.clientId ?? '<client id>'}/access_as_user`;
  return {
    openapi,
    info: {
      title: 'Career Conversations API',
      version: options.version ?? '1.0.0',
      description:
        'Career and job development conversations between a manager and an employee. Every route but this description needs an Entra ID access token for the app registration’s `access_as_user` scope, issued to a user of an allowed tenant: the user is the token’s, never the request’s. Answers are JSON, errors `application/problem+json` (RFC 9457). Writes answer the new `ETag`; changes send it back in `If-Match`.',
      contact: { name: 'The administrators of this deployment' },
    },
    servers: [
      {
        url: options.serverUrl,
        description: 'The deployment this document was served by (production, or whichever environment it is)',
        'x-internal': false,
      },
    ],
    tags: [...new Set(Object.values(OPERATIONS).map((operation) => operation.tag))].map((name) => ({ name })),
    // Either scheme names the one token: OAuth 2.0 for tools that sign in themselves, bearer for the rest.
    security: [{ bearer: [] }, { entra: [scope] }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        entra: {
          type: 'oauth2',
          description: `Microsoft Entra ID, delegated: a token for ${scope} (Teams SSO gives the tab one). ${JWT_CHECKS}`,
          flows: {
            authorizationCode: {
              authorizationUrl: 'https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize',
              tokenUrl: 'https://login.microsoftonline.com/organizations/oauth2/v2.0/token',
              refreshUrl: 'https://login.microsoftonline.com/organizations/oauth2/v2.0/token',
              scopes: { [scope]: 'Use Career Conversations as the signed-in user.' },
            },
          },
        },
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: `The same Entra ID access token, as \`Authorization: Bearer <token>\`. ${JWT_CHECKS}`,
        },
      },
    },
  };
}
