/**
 * A stand-in for Azure Web PubSub on 127.0.0.1, for the local run and the tests. It speaks what the
 * real SDKs use, checking the same key-signed tokens as the service:
 *
 * - clients (`@azure/web-pubsub-client`, the tab): a WebSocket on `/client/hubs/{hub}?access_token=<JWT>`
 *   with the `json.webpubsub.azure.v1` subprotocol. The token is HS256 with the access key, its
 *   audience `<endpoint>/client/hubs/{hub}`, unexpired; `sub` is the user, `webpubsub.group` the
 *   groups joined on connecting, `role` the roles. A bad token is HTTP 401 on the upgrade. Joining,
 *   leaving or sending to a group needs its role (`webpubsub.joinLeaveGroup[.<group>]`,
 *   `webpubsub.sendToGroup[.<group>]`); without it the client's request is acked as Forbidden and
 *   nothing happens. The hub has no event handlers, so events are refused the same way.
 * - the server (`@azure/web-pubsub`, the API): REST "send to group",
 *   `POST /api/hubs/{hub}/groups/{group}/:send?api-version=…` with `Authorization: Bearer <JWT>`
 *   (HS256 with the access key, audience the request's full URL): 202, and every connection in the
 *   group receives `{type: "message", from: "group", group, dataType, data}`. 401 for a bad token.
 *
 * Every frame sent to a client and every REST call is recorded, for tests that read the wire.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { jwtVerify, type JWTPayload } from 'jose';
import { WebSocketServer, type WebSocket } from 'ws';

/** The JSON subprotocol the tab uses; the reliable one (sequence acks, reconnection) is not spoken here. */
export const JSON_SUBPROTOCOL = 'json.webpubsub.azure.v1';

export interface DeliveredFrame {
  connectionId: string;
  userId: string | null;
  /** The frame as sent, JSON text. */
  text: string;
}

export interface RestCall {
  method: string;
  /** Path and query, as requested. */
  path: string;
  status: number;
  body: string;
}

export interface StandInClient {
  connectionId: string;
  userId: string | null;
  hub: string;
  groups: string[];
  roles: string[];
}

/** Error codes of the service's REST answers, by status. */
const STATUS_CODES: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  404: 'NotFound',
  500: 'InternalServerError',
  503: 'ServiceUnavailable',
};

/** What "send to group" does: answer as the service does, fail with 500, or never answer. */
export type SendFailure = 'none' | 'error' | 'hang';

export interface WebPubSubStandIn {
  /** http://127.0.0.1:<port>: the service endpoint the server SDK is given. */
  url: string;
  /** ws://127.0.0.1:<port>: where clients connect, for the tab's CSP `connect-src`. */
  clientOrigin: string;
  /** `Endpoint=http://127.0.0.1:<port>;AccessKey=<key>;Version=1.0;`, for WEBPUBSUB_CONNECTION_STRING. */
  connectionString: string;
  accessKey: string;
  /** Every frame sent to a client, in order. */
  frames: DeliveredFrame[];
  /** Every REST request, in order, with the status it was answered (0 while one hangs). */
  restCalls: RestCall[];
  /** The connections now open, with the groups each is in. */
  clients(): StandInClient[];
  connections(): number;
  /** Makes "send to group" fail (500) or hang until `close()`, or answer again ('none'). */
  setSendFailure(mode: SendFailure): void;
  /** Drops every connection and answers 503 to new ones and to REST calls until `start()`. */
  stop(): void;
  start(): void;
  close(): Promise<void>;
}

interface Connection extends StandInClient {
  socket: WebSocket;
}

/** A claim that may be one string or a list of them. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
}

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export async function startWebPubSubStandIn(options: { accessKey?: string } = {}): Promise<WebPubSubStandIn> {
  const accessKey = options.accessKey ?? randomBytes(32).toString('base64url');
  const key = new TextEncoder().encode(accessKey);
  const frames: DeliveredFrame[] = [];
  const restCalls: RestCall[] = [];
  const connections = new Map<string, Connection>();
  const hanging = new Set<ServerResponse>();
  let sendFailure: SendFailure = 'none';
  let stopped = false;
  let url = '';
  // Read through a function: `stopped` changes while a request awaits its token check.
  const isStopped = () => stopped;

  /** The payload of a token signed with the access key for this audience, or null. */
  const verified = async (token: string, audience: string): Promise<JWTPayload | null> => {
    try {
      const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], audience, requiredClaims: ['exp'] });
      return payload;
    } catch {
      return null;
    }
  };

  const sendFrame = (connection: Connection, frame: Record<string, unknown>): void => {
    const text = JSON.stringify(frame);
    frames.push({ connectionId: connection.connectionId, userId: connection.userId, text });
    connection.socket.send(text);
  };

  const inGroup = (hub: string, group: string) =>
    [...connections.values()].filter((entry) => entry.hub === hub && entry.groups.includes(group));

  /** Whether the connection holds the role for this group: the role itself, or the role for that group. */
  const may = (connection: Connection, role: string, group: string) =>
    connection.roles.includes(role) || connection.roles.includes(`${role}.${group}`);

  const onClientMessage = (connection: Connection, text: string): void => {
    let message: { type?: unknown; ackId?: unknown; group?: unknown; dataType?: unknown; data?: unknown } & Record<
      string,
      unknown
    >;
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return;
    }
    const ack = (error?: { name: string; message: string }) => {
      if (typeof message.ackId !== 'number') return;
      sendFrame(connection, {
        type: 'ack',
        ackId: message.ackId,
        success: !error,
        ...(error ? { error } : {}),
      });
    };
    const group = typeof message.group === 'string' ? message.group : '';
    switch (message.type) {
      case 'ping':
        sendFrame(connection, { type: 'pong' });
        return;
      case 'joinGroup':
      case 'leaveGroup':
        if (!may(connection, 'webpubsub.joinLeaveGroup', group)) {
          ack({ name: 'Forbidden', message: `The connection has no permission to join or leave group ${group}.` });
          return;
        }
        connection.groups =
          message.type === 'joinGroup'
            ? [...new Set([...connection.groups, group])]
            : connection.groups.filter((entry) => entry !== group);
        ack();
        return;
      case 'sendToGroup':
        if (!may(connection, 'webpubsub.sendToGroup', group)) {
          ack({ name: 'Forbidden', message: `The connection has no permission to send to group ${group}.` });
          return;
        }
        for (const receiver of inGroup(connection.hub, group)) {
          if (message.noEcho === true && receiver === connection) continue;
          sendFrame(receiver, {
            type: 'message',
            from: 'group',
            fromUserId: connection.userId,
            group,
            dataType: message.dataType,
            data: message.data,
          });
        }
        ack();
        return;
      case 'event':
        ack({ name: 'Forbidden', message: 'This hub has no event handler.' });
        return;
      case 'invoke':
        sendFrame(connection, {
          type: 'invokeResponse',
          invocationId: message.invocationId,
          success: false,
          error: { name: 'Forbidden', message: 'This hub has no event handler.' },
        });
        return;
      default:
        // sequenceAck and anything newer: nothing to do.
        return;
    }
  };

  /** Who may connect: the token's claims and the hub, or the HTTP status the upgrade is refused with. */
  const admit = async (
    request: IncomingMessage,
  ): Promise<{ hub: string; claims: JWTPayload } | { refuse: [number, string] }> => {
    if (isStopped()) return { refuse: [503, 'Service Unavailable'] };
    const target = new URL(request.url ?? '/', url);
    const hub = /^\/client\/hubs\/([^/]+)$/.exec(target.pathname)?.[1];
    if (!hub) return { refuse: [404, 'Not Found'] };
    const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((entry) => entry.trim());
    if (!offered.includes(JSON_SUBPROTOCOL)) return { refuse: [400, 'Bad Request'] };
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const token = target.searchParams.get('access_token') ?? bearer ?? '';
    // The audience the server SDK signs: the endpoint's http(s) URL and the client path.
    const claims = await verified(token, `${url}/client/hubs/${hub}`);
    if (!claims) return { refuse: [401, 'Unauthorized'] };
    // Stopped while the token was checked.
    if (isStopped()) return { refuse: [503, 'Service Unavailable'] };
    return { hub, claims };
  };

  const upgrade = async (request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> => {
    const admitted = await admit(request);
    if ('refuse' in admitted) {
      const [status, reason] = admitted.refuse;
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    const { hub, claims } = admitted;
    wss.handleUpgrade(request, socket, head, (ws) => {
      const connection: Connection = {
        connectionId: randomBytes(12).toString('base64url'),
        userId: typeof claims.sub === 'string' ? claims.sub : null,
        hub,
        groups: strings(claims['webpubsub.group']),
        roles: strings(claims.role),
        socket: ws,
      };
      connections.set(connection.connectionId, connection);
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        if (!isBinary) onClientMessage(connection, data.toString('utf8'));
      });
      ws.on('close', () => {
        connections.delete(connection.connectionId);
      });
      sendFrame(connection, {
        type: 'system',
        event: 'connected',
        userId: connection.userId,
        connectionId: connection.connectionId,
      });
    });
  };

  /** "Send to group": the status to answer with, or 'hang' to answer never. */
  const sendToGroup = async (request: IncomingMessage, call: RestCall, body: Buffer): Promise<number | 'hang'> => {
    if (isStopped()) return 503;
    const target = new URL(call.path, url);
    const match = /^\/api\/hubs\/([^/]+)\/groups\/([^/]+)\/:send$/.exec(target.pathname);
    if (call.method !== 'POST' || !match) return 404;
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    // The audience the SDK's key policy signs: the request's full URL.
    if (!(await verified(bearer, `${url}${call.path}`))) return 401;
    if (sendFailure === 'error') return 500;
    if (sendFailure === 'hang') return 'hang';
    const hub = decodeURIComponent(match[1] ?? '');
    const group = decodeURIComponent(match[2] ?? '');
    const type = request.headers['content-type'] ?? '';
    let payload: { dataType: string; data: unknown };
    if (type.startsWith('application/json')) {
      try {
        payload = { dataType: 'json', data: JSON.parse(call.body) as unknown };
      } catch {
        return 400;
      }
    } else if (type.startsWith('text/plain')) payload = { dataType: 'text', data: call.body };
    else payload = { dataType: 'binary', data: body.toString('base64') };
    for (const receiver of inGroup(hub, group))
      sendFrame(receiver, { type: 'message', from: 'group', group, ...payload });
    return 202;
  };

  const rest = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const body = await bodyOf(request);
    const call: RestCall = {
      method: request.method ?? 'GET',
      path: request.url ?? '/',
      status: 0,
      body: body.toString(),
    };
    restCalls.push(call);
    const status = await sendToGroup(request, call, body);
    if (status === 'hang') {
      hanging.add(response);
      return;
    }
    call.status = status;
    if (status === 202) {
      response.writeHead(202);
      response.end();
      return;
    }
    const code = STATUS_CODES[status] ?? 'Error';
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ code, message: code }));
  };

  const server = createServer((request, response) => {
    void rest(request, response);
  });
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => (protocols.has(JSON_SUBPROTOCOL) ? JSON_SUBPROTOCOL : false),
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    void upgrade(request, socket, head);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  url = `http://127.0.0.1:${port}`;

  const dropAll = () => {
    for (const connection of connections.values()) connection.socket.terminate();
    connections.clear();
  };

  return {
    url,
    clientOrigin: `ws://127.0.0.1:${port}`,
    connectionString: `Endpoint=${url};AccessKey=${accessKey};Version=1.0;`,
    accessKey,
    frames,
    restCalls,
    clients: () =>
      [...connections.values()].map(({ connectionId, userId, hub, groups, roles }) => ({
        connectionId,
        userId,
        hub,
        groups: [...groups],
        roles: [...roles],
      })),
    connections: () => connections.size,
    setSendFailure(mode) {
      sendFailure = mode;
    },
    stop() {
      stopped = true;
      dropAll();
    },
    start() {
      stopped = false;
    },
    close: async () => {
      dropAll();
      for (const response of hanging) response.destroy();
      hanging.clear();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  };
}
