import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { tabHeaders } from '../../infra/tab-headers';
import type { OrgChart } from '../src/directory';
import type { NudgeRunReport } from '../src/functions/nudges-run';
import { mintDevToken, type DevKeys } from './dev-identity';
import type { SentActivity } from './graph-stand-in';

/** The local run's meeting chats: who is in which, as Graph's chat members route answers it. */
export interface LocalChats {
  setMembers(chatId: string, userIds: string[]): void;
}

/** The local run's nudges: the daily run on demand, and what each person's activity feed received. */
export interface LocalNudges {
  run(at: Date): Promise<NudgeRunReport>;
  received(userId: string): SentActivity[];
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

async function readBody(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request as AsyncIterable<Buffer>) {
    text += chunk.toString();
    if (text.length > 16_384) break;
  }
  return text;
}

/** `{members: [short name, …]}`, or null when the body is anything else. */
function parseMembers(text: string): string[] | null {
  try {
    const body = JSON.parse(text) as { members?: unknown };
    const members = body.members;
    return Array.isArray(members) && members.every((entry) => typeof entry === 'string') ? members : null;
  } catch {
    return null;
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(body));
}

/**
 * What the local run serves besides the API: the built tab with the Teams host emulator, and the
 * emulator's dev-identity endpoints. Only `npm start` and the tests mount this; it hands out dev
 * tokens, which only a dev-mode API accepts.
 */
export function devSite(options: {
  siteDir: string;
  keys: DevKeys;
  chart: OrgChart;
  nudges?: LocalNudges;
  chats?: LocalChats;
  /** The Web PubSub stand-in's ws://127.0.0.1:<port>, which the tab's CSP must let it connect to. */
  liveOrigin?: string;
}) {
  const people = options.chart.tenants.flatMap((tenant) =>
    tenant.people.map((person) => ({ ...person, tenantId: tenant.tenantId })),
  );
  return (request: IncomingMessage, response: ServerResponse): void => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/dev/people') {
      sendJson(
        response,
        200,
        people.map(({ shortName, displayName, jobTitle, email, id, tenantId, managerId }) => ({
          shortName,
          displayName,
          jobTitle,
          email,
          id,
          tenantId,
          managerId,
        })),
      );
      return;
    }
    // POST /dev/nudges/run?at=<ISO time>: the daily timer's work, now or as if on another day.
    if (url.pathname === '/dev/nudges/run' && request.method === 'POST' && options.nudges) {
      const at = url.searchParams.get('at');
      const when = at ? new Date(at) : new Date();
      if (Number.isNaN(when.getTime())) {
        sendJson(response, 400, { error: 'at must be an ISO date and time.' });
        return;
      }
      options.nudges.run(when).then(
        (report) => {
          sendJson(response, 200, report);
        },
        (error: unknown) => {
          sendJson(response, 500, { error: error instanceof Error ? error.name : 'Error' });
        },
      );
      return;
    }
    // GET /dev/nudges/received?user=<short name>: what that person's activity feed received, newest first.
    if (url.pathname === '/dev/nudges/received' && options.nudges) {
      const person = people.find((entry) => entry.shortName === url.searchParams.get('user'));
      if (!person) {
        sendJson(response, 404, { error: 'No such demo user.' });
        return;
      }
      sendJson(response, 200, [...options.nudges.received(person.id)].reverse());
      return;
    }
    // PUT /dev/chats/members?chatId=<id> {members: [short name, …]}: who is in that meeting chat, for Graph's stand-in.
    if (url.pathname === '/dev/chats/members' && request.method === 'PUT' && options.chats) {
      const { chats } = options;
      const chatId = url.searchParams.get('chatId');
      void readBody(request).then((text) => {
        const members = parseMembers(text);
        const ids = members?.map((shortName) => people.find((person) => person.shortName === shortName));
        if (!chatId || !ids || ids.some((person) => !person)) {
          sendJson(response, 400, {
            error: 'Send ?chatId=<id> and {"members": [short names of demo users]}.',
          });
          return;
        }
        const found = ids.flatMap((person) => (person ? [person] : []));
        chats.setMembers(
          chatId,
          found.map((person) => person.id),
        );
        sendJson(response, 200, {
          chatId,
          members: found.map(({ shortName, id }) => ({ shortName, id })),
        });
      });
      return;
    }
    if (url.pathname === '/dev/token') {
      const person = people.find((entry) => entry.shortName === url.searchParams.get('user'));
      if (!person) {
        sendJson(response, 404, { error: 'No such demo user.' });
        return;
      }
      void mintDevToken(options.keys, { tenantId: person.tenantId, userId: person.id, name: person.displayName }).then(
        (token) => {
          sendJson(response, 200, { token });
        },
      );
      return;
    }
    if (url.pathname === '/') {
      response.writeHead(302, { Location: '/preview.html' });
      response.end();
      return;
    }
    const file = normalize(join(options.siteDir, decodeURIComponent(url.pathname)));
    if (!file.startsWith(options.siteDir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('Not found');
      return;
    }
    response.writeHead(200, {
      // The same headers as production, plus framing by this origin for the preview page.
      ...(extname(file) === '.html'
        ? tabHeaders({ allowSameOriginFraming: true, liveOrigin: options.liveOrigin })
        : {}),
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    createReadStream(file).pipe(response);
  };
}
