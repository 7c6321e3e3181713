import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

export interface StandInUser {
  id: string;
  displayName: string;
  jobTitle?: string;
  mail?: string;
  managerId?: string;
}

/** What the app sent to one user's activity feed: the request body of sendActivityNotification. */
export interface SentActivity {
  /** The tenant of the app token it came with. */
  tenantId: string;
  topic: { source: string; value: string; webUrl?: string };
  activityType: string;
  previewText?: { content: string };
  chainId?: number;
  templateParameters: { name: string; value: string }[];
}

export interface StandIn {
  url: string;
  /** Every request seen, as "METHOD path". */
  requests: { method: string; path: string; body: string; authorization: string | undefined }[];
  /** Tenants whose admin has not consented: the token endpoint answers AADSTS65001. */
  unconsentedTenants: Set<string>;
  /**
   * Users whose Graph calls are throttled (lookups and activity notifications): remaining answers
   * of 429 (or the status given) and the Retry-After to send.
   */
  throttle: Map<string, { remaining: number; retryAfter: number; status?: number }>;
  /** Activity notifications received, per user id, in order. */
  activityFeed: Map<string, SentActivity[]>;
  /** Users who do not have the Teams app installed: sendActivityNotification answers Graph's 403. */
  appNotInstalledFor: Set<string>;
  /**
   * The meeting chats the app was added to, by chat id, with their members' user ids: what
   * GET /chats/{id}/members answers (403 for any other chat, as Graph does without the chat's consent).
   */
  chatMembers: Map<string, string[]>;
  /** How long the chat members route takes to answer, to play a slow Graph. */
  chatMembersDelay: { ms: number };
  /**
   * The organisation's app catalog: manifest id (Graph's externalId) → the id the catalog gave the
   * app. What GET /appCatalogs/teamsApps?$filter=externalId eq '<id>' answers; an app not listed here
   * was uploaded by a person or sideloaded, and has no entry.
   */
  appCatalog: Map<string, string>;
  /** MSAL's HTTP client, sending what it would send to login.microsoftonline.com here instead. */
  networkClient: INetworkModule;
  close(): Promise<void>;
}

const AUTHORITY = 'https://login.microsoftonline.com';

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request as AsyncIterable<Buffer>) text += chunk.toString();
  return text;
}

/** Entra ID's discovery and token endpoints and the few Graph user routes the directory uses, on loopback. */
export async function startEntraGraphStandIn(users: StandInUser[], pageSize = 2): Promise<StandIn> {
  const byId = new Map(users.map((user) => [user.id, user]));
  const requests: StandIn['requests'] = [];
  const unconsentedTenants = new Set<string>();
  const throttle = new Map<string, { remaining: number; retryAfter: number; status?: number }>();
  const activityFeed = new Map<string, SentActivity[]>();
  const appNotInstalledFor = new Set<string>();
  const chatMembers = new Map<string, string[]>();
  const chatMembersDelay = { ms: 0 };
  const appCatalog = new Map<string, string>();
  const graphUser = (user: StandInUser) => ({
    '@odata.type': '#microsoft.graph.user',
    id: user.id,
    displayName: user.displayName,
    jobTitle: user.jobTitle ?? null,
    mail: user.mail ?? null,
  });

  /** Graph's sendActivityNotification for one user, with the app's own token only. */
  const sendActivityNotification = (
    userId: string,
    request: IncomingMessage,
    body: string,
    response: ServerResponse,
  ): void => {
    const tenantId = /^Bearer app-token-for-(.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (request.method !== 'POST' || !tenantId) {
      send(response, 401, { error: { code: 'InvalidAuthenticationToken', message: 'An app token is required.' } });
      return;
    }
    const limit = throttle.get(userId);
    if (limit && limit.remaining > 0) {
      limit.remaining -= 1;
      send(
        response,
        limit.status ?? 429,
        { error: { code: 'TooManyRequests', message: 'Throttled' } },
        { 'retry-after': String(limit.retryAfter) },
      );
      return;
    }
    if (unconsentedTenants.has(tenantId)) {
      send(response, 403, {
        error: {
          code: 'Forbidden',
          message:
            "Missing role permissions on the request. API requires one of 'TeamsActivity.Send, TeamsActivity.Send.User'. Roles on the request ''.",
        },
      });
      return;
    }
    if (!byId.has(userId)) {
      send(response, 404, { error: { code: 'Request_ResourceNotFound' } });
      return;
    }
    if (appNotInstalledFor.has(userId)) {
      // Graph's answer when the Teams app is not installed for the recipient.
      send(response, 403, {
        error: {
          code: 'Forbidden',
          message: `Application with AAD App Id 'stand-in' is not authorized to generate custom text notifications about '/users/${userId}/teamwork/sendActivityNotification' to the recipient. Ensure that the expected Teams app is installed in the target scope (user, team, or chat).`,
        },
      });
      return;
    }
    let sent: Omit<SentActivity, 'tenantId'>;
    try {
      sent = JSON.parse(body) as Omit<SentActivity, 'tenantId'>;
    } catch {
      send(response, 400, { error: { code: 'BadRequest', message: 'The body is not JSON.' } });
      return;
    }
    const topic = sent.topic as Partial<SentActivity['topic']> | undefined;
    const validTopic =
      topic?.source === 'entityUrl' ||
      (topic?.source === 'text' &&
        Boolean(topic.value) &&
        (topic.webUrl ?? '').startsWith('https://teams.microsoft.com/'));
    if (typeof sent.activityType !== 'string' || !validTopic || !Array.isArray(sent.templateParameters)) {
      send(response, 400, { error: { code: 'BadRequest', message: 'Invalid sendActivityNotification body.' } });
      return;
    }
    activityFeed.set(userId, [...(activityFeed.get(userId) ?? []), { tenantId, ...sent }]);
    response.writeHead(204);
    response.end();
  };

  /** Graph's list of a chat's members, with the app's own token, for the chats the app is in (RSC). */
  const listChatMembers = async (chatId: string, request: IncomingMessage, response: ServerResponse) => {
    const tenantId = /^Bearer app-token-for-(.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (request.method !== 'GET' || !tenantId) {
      send(response, 401, { error: { code: 'InvalidAuthenticationToken', message: 'An app token is required.' } });
      return;
    }
    if (chatMembersDelay.ms > 0) {
      await new Promise((resolve) => {
        setTimeout(resolve, chatMembersDelay.ms);
      });
    }
    const members = chatMembers.get(chatId);
    if (!members) {
      send(response, 403, {
        error: {
          code: 'Forbidden',
          message: 'Missing role permissions on the request. API requires ChatMember.Read.Chat.',
        },
      });
      return;
    }
    send(response, 200, {
      '@odata.count': members.length,
      value: members.map((userId) => ({
        '@odata.type': '#microsoft.graph.aadUserConversationMember',
        id: Buffer.from(`${chatId}#${userId}`).toString('base64'),
        roles: ['owner'],
        displayName: byId.get(userId)?.displayName ?? null,
        visibleHistoryStartDateTime: '0001-01-01T00:00:00Z',
        userId,
        email: byId.get(userId)?.mail ?? null,
        tenantId,
      })),
    });
  };

  /**
   * Graph's list of the tenant's Teams apps, filtered by manifest id, with the app's own token: the
   * one $filter form the API sends, parsed strictly as an OData string literal ('' is a quote), so a
   * filter built by pasting text in would not match. 403 where the admin has not consented.
   */
  const listCatalogApps = (url: URL, request: IncomingMessage, response: ServerResponse): void => {
    const tenantId = /^Bearer app-token-for-(.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (request.method !== 'GET' || !tenantId) {
      send(response, 401, { error: { code: 'InvalidAuthenticationToken', message: 'An app token is required.' } });
      return;
    }
    if (unconsentedTenants.has(tenantId)) {
      send(response, 403, {
        error: {
          code: 'Forbidden',
          message: "Missing role permissions on the request. API requires one of 'AppCatalog.Read.All'.",
        },
      });
      return;
    }
    const filter = /^externalId eq '((?:[^']|'')*)'$/.exec(url.searchParams.get('$filter') ?? '');
    if (!filter) {
      send(response, 400, { error: { code: 'BadRequest', message: 'Invalid filter clause.' } });
      return;
    }
    const externalId = (filter[1] ?? '').replaceAll("''", "'");
    const id = appCatalog.get(externalId);
    send(response, 200, {
      value: id ? [{ id, externalId, displayName: 'Career Conversations', distributionMethod: 'organization' }] : [],
    });
  };

  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://stand-in');
      const body = await bodyOf(request);
      requests.push({
        method: request.method ?? 'GET',
        path: url.pathname,
        body,
        authorization: request.headers.authorization,
      });
      let match: RegExpExecArray | null;
      if (url.pathname === '/common/discovery/instance') {
        const tenant =
          /login\.microsoftonline\.com\/([^/]+)/.exec(url.searchParams.get('authorization_endpoint') ?? '')?.[1] ??
          'common';
        send(response, 200, {
          tenant_discovery_endpoint: `${AUTHORITY}/${tenant}/v2.0/.well-known/openid-configuration`,
          'api-version': '1.1',
          metadata: [
            {
              preferred_network: 'login.microsoftonline.com',
              preferred_cache: 'login.windows.net',
              aliases: ['login.microsoftonline.com', 'login.windows.net'],
            },
          ],
        });
        return;
      }
      if ((match = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(url.pathname))) {
        const tenant = match[1] ?? '';
        send(response, 200, {
          token_endpoint: `${AUTHORITY}/${tenant}/oauth2/v2.0/token`,
          authorization_endpoint: `${AUTHORITY}/${tenant}/oauth2/v2.0/authorize`,
          end_session_endpoint: `${AUTHORITY}/${tenant}/oauth2/v2.0/logout`,
          issuer: `${AUTHORITY}/${tenant}/v2.0`,
          jwks_uri: `${AUTHORITY}/${tenant}/discovery/v2.0/keys`,
          response_types_supported: ['code'],
        });
        return;
      }
      if ((match = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(url.pathname))) {
        const form = new URLSearchParams(body);
        // The app's own token (client credentials), as the activity feed sender asks for it.
        if (form.get('grant_type') === 'client_credentials') {
          if (
            form.get('scope') !== 'https://graph.microsoft.com/.default' ||
            !(form.get('client_secret') ?? form.get('client_assertion'))
          ) {
            send(response, 400, { error: 'invalid_request', error_description: 'Not a client credentials request.' });
            return;
          }
          send(response, 200, {
            token_type: 'Bearer',
            expires_in: 3600,
            ext_expires_in: 3600,
            access_token: `app-token-for-${match[1] ?? ''}`,
          });
          return;
        }
        if (
          form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer' ||
          form.get('requested_token_use') !== 'on_behalf_of' ||
          !form.get('assertion')
        ) {
          send(response, 400, { error: 'invalid_request', error_description: 'Not an on-behalf-of request.' });
          return;
        }
        if (unconsentedTenants.has(match[1] ?? '')) {
          send(response, 400, {
            error: 'invalid_grant',
            error_description:
              "AADSTS65001: The user or administrator has not consented to use the application with ID 'x'.",
            error_codes: [65001],
            suberror: 'consent_required',
          });
          return;
        }
        send(response, 200, {
          token_type: 'Bearer',
          scope: form.get('scope'),
          expires_in: 3600,
          ext_expires_in: 3600,
          access_token: `graph-token-for-${(form.get('assertion') ?? '').slice(0, 12)}`,
        });
        return;
      }
      if (url.pathname === '/v1.0/appCatalogs/teamsApps') {
        listCatalogApps(url, request, response);
        return;
      }
      if ((match = /^\/v1\.0\/chats\/([^/]+)\/members$/.exec(url.pathname))) {
        await listChatMembers(decodeURIComponent(match[1] ?? ''), request, response);
        return;
      }
      if ((match = /^\/v1\.0\/users\/([^/]+)\/teamwork\/sendActivityNotification$/.exec(url.pathname))) {
        sendActivityNotification(decodeURIComponent(match[1] ?? ''), request, body, response);
        return;
      }
      if ((match = /^\/v1\.0\/users\/([^/]+)(\/manager|\/directReports)?$/.exec(url.pathname))) {
        if (!request.headers.authorization?.startsWith('Bearer graph-token-for-')) {
          send(response, 401, { error: { code: 'InvalidAuthenticationToken' } });
          return;
        }
        const id = decodeURIComponent(match[1] ?? '');
        const limit = throttle.get(id);
        if (limit && limit.remaining > 0) {
          limit.remaining -= 1;
          send(
            response,
            429,
            { error: { code: 'TooManyRequests', message: 'Throttled' } },
            { 'retry-after': String(limit.retryAfter) },
          );
          return;
        }
        const user = byId.get(id);
        if (!user) {
          send(response, 404, { error: { code: 'Request_ResourceNotFound' } });
          return;
        }
        if (!match[2]) {
          send(response, 200, graphUser(user));
          return;
        }
        if (match[2] === '/manager') {
          const manager = user.managerId ? byId.get(user.managerId) : undefined;
          if (manager) send(response, 200, graphUser(manager));
          else send(response, 404, { error: { code: 'Request_ResourceNotFound' } });
          return;
        }
        const reports = users.filter((candidate) => candidate.managerId === id);
        const skip = Number(url.searchParams.get('$skiptoken') ?? '0');
        const page = reports.slice(skip, skip + pageSize);
        const next =
          skip + pageSize < reports.length
            ? {
                '@odata.nextLink': `https://graph.microsoft.com/v1.0/users/${id}/directReports?$select=id,displayName,jobTitle,mail&$skiptoken=${skip + pageSize}`,
              }
            : {};
        send(response, 200, { value: page.map(graphUser), ...next });
        return;
      }
      send(response, 404, { error: 'unknown stand-in route' });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const forward = async <T>(
    method: string,
    target: string,
    options?: NetworkRequestOptions,
  ): Promise<NetworkResponse<T>> => {
    const response = await fetch(target.replace(AUTHORITY, url), {
      method,
      headers: options?.headers ?? {},
      ...(options?.body ? { body: options.body } : {}),
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    return { status: response.status, headers, body: (await response.json()) as T };
  };

  return {
    url,
    requests,
    unconsentedTenants,
    throttle,
    activityFeed,
    appNotInstalledFor,
    chatMembers,
    chatMembersDelay,
    appCatalog,
    networkClient: {
      sendGetRequestAsync: (target, options) => forward('GET', target, options),
      sendPostRequestAsync: (target, options) => forward('POST', target, options),
    },
    close: () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      ),
  };
}
