import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRAME_ANCESTORS, tabHeaders } from '../../infra/tab-headers';
import { SITE_DIR } from '../support/preview';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ siteDir: SITE_DIR });
});
afterAll(() => stack.close());

function directive(csp: string, name: string): string[] {
  return (new RegExp(`(?:^|; )${name} ([^;]+)`).exec(csp)?.[1] ?? '').split(' ');
}

describe('headers', () => {
  it('frame the tab only from Teams, Outlook and Microsoft 365, and let the API answer CORS only for the tab', async () => {
    const checks: [string, boolean][] = [];
    const check = (name: string, ok: boolean) => checks.push([name, ok]);

    const production = tabHeaders({ apiOrigin: 'https://career-api.azurewebsites.net' })['Content-Security-Policy']!;
    check(
      'production frame-ancestors are the documented hosts',
      JSON.stringify(directive(production, 'frame-ancestors')) === JSON.stringify([...FRAME_ANCESTORS]),
    );
    check(
      'no directive allows any origin (*)',
      !production.split('; ').some((part) => part.split(' ').slice(1).includes('*')),
    );
    check(
      'scripts only from the tab itself and Office.js’s CDN (the Outlook add-in’s page)',
      JSON.stringify(directive(production, 'script-src')) ===
        JSON.stringify(["'self'", 'https://appsforoffice.microsoft.com']),
    );
    check(
      'the API is the only other origin the tab talks to, besides the teams-js CDN',
      JSON.stringify(directive(production, 'connect-src')) ===
        JSON.stringify(["'self'", 'https://career-api.azurewebsites.net', 'https://res.cdn.office.net']),
    );

    for (const page of ['index.html', 'preview.html']) {
      const response = await fetch(`${stack.url}/${page}`);
      const csp = response.headers.get('content-security-policy') ?? '';
      check(
        `${page} carries the frame-ancestors (and the preview's own origin)`,
        JSON.stringify(directive(csp, 'frame-ancestors')) === JSON.stringify(["'self'", ...FRAME_ANCESTORS]),
      );
      check(`${page} says nosniff`, response.headers.get('x-content-type-options') === 'nosniff');
      // The local run's live updates: the tab may open a WebSocket to the Web PubSub stand-in on this machine.
      check(
        `${page} lets the tab reach the local live updates stand-in, and only it, over plain ws`,
        JSON.stringify(directive(csp, 'connect-src').filter((source) => source.startsWith('ws'))) ===
          JSON.stringify([stack.live?.clientOrigin]) &&
          /^ws:\/\/127\.0\.0\.1:\d+$/.test(stack.live?.clientOrigin ?? ''),
      );
    }
    check(
      'production allows live updates over wss to the Web PubSub host alone',
      JSON.stringify(
        directive(
          tabHeaders({
            apiOrigin: 'https://career-api.azurewebsites.net',
            liveOrigin: 'wss://live.webpubsub.azure.com',
          })['Content-Security-Policy']!,
          'connect-src',
        ),
      ) ===
        JSON.stringify([
          "'self'",
          'https://career-api.azurewebsites.net',
          'wss://live.webpubsub.azure.com',
          'https://res.cdn.office.net',
        ]),
    );

    // CORS: no origin but the tab's own is ever allowed.
    const evil = 'https://evil.example';
    const preflight = await fetch(`${stack.url}/api/me`, {
      method: 'OPTIONS',
      headers: {
        origin: evil,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    check(
      'a preflight from another origin is not allowed',
      preflight.headers.get('access-control-allow-origin') === null,
    );
    const token = await stack.token('ava');
    const simple = await fetch(`${stack.url}/api/me`, { headers: { origin: evil, authorization: `Bearer ${token}` } });
    check(
      'an answer to another origin carries no CORS grant',
      simple.headers.get('access-control-allow-origin') === null,
    );
    check('API answers are never cached', simple.headers.get('cache-control') === 'no-store');
    const bicep = readFileSync(join(import.meta.dirname, '../../infra/main.bicep'), 'utf8');
    const staticWebApp = readFileSync(join(import.meta.dirname, '../../infra/modules/static-web-app.bicep'), 'utf8');
    // Either the tab's one domain, or the tab module's list of its own origins: its default host name and its
    // custom domain when it has one, each over https (the template moved from the first to the second).
    const tabOrigins = /^output origins array = (.+)$/m.exec(staticWebApp)?.[1] ?? '';
    check(
      'in Azure, CORS admits the tab origin (and configured custom domains) only',
      bicep.includes("allowedOrigins: concat(['https://${tab.outputs.TAB_DOMAIN}'], extraTabOrigins)") ||
        (bicep.includes('allowedOrigins: concat(tab.outputs.origins, extraTabOrigins)') &&
          tabOrigins ===
            "concat(['https://${site.properties.defaultHostname}'], empty(customDomain) ? [] : ['https://${customDomain}'])"),
    );
    check(
      'CORS never sends credentials',
      readFileSync(join(import.meta.dirname, '../../infra/modules/function-app.bicep'), 'utf8').includes(
        'supportCredentials: false',
      ),
    );

    const wrong = checks.filter(([, ok]) => !ok);
    console.log(`headers: ${checks.length} checked, ${wrong.length} wrong`);
    expect(wrong.map(([name]) => name)).toEqual([]);
  });
});
