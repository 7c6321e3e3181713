import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createHttpHeaders,
  type HttpClient,
  type PipelineRequest,
  type PipelineResponse,
} from '@azure/core-rest-pipeline';
import type { TokenCredential } from '@azure/identity';
import type { ConfidentialClientApplication, Configuration } from '@azure/msal-node';
import AdmZip from 'adm-zip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicRoutes, routes } from '../../functions/src/routes';
import { FRAME_ANCESTORS } from '../../infra/tab-headers';
import { buildFunctions, buildTab, settingsFrom } from '../../scripts/build';
import { startEntraGraphStandIn } from '../support/entra-graph-stand-in';

const outDir = mkdtempSync(join(tmpdir(), 'build-'));
let tabDir: string;
let functionsDir: string;

beforeAll(async () => {
  const settings = { ...settingsFrom(['--env', 'example'], {}), outDir };
  tabDir = await buildTab(settings);
  functionsDir = await buildFunctions(settings);
}, 120_000);
afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
});

describe('npm run build', () => {
  it('writes the tab with a CSP that lets Teams, Outlook and the Microsoft 365 app frame it, and nobody else', () => {
    const config = JSON.parse(readFileSync(join(tabDir, 'staticwebapp.config.json'), 'utf8')) as {
      globalHeaders: Record<string, string>;
    };
    const csp = config.globalHeaders['Content-Security-Policy']!;
    const ancestors = /frame-ancestors ([^;]+)/.exec(csp)![1]!.split(' ');
    expect(ancestors).toEqual([...FRAME_ANCESTORS]);
    expect(ancestors).not.toContain('*');
    expect(ancestors).not.toContain("'self'");
    expect(csp).toMatch(/connect-src 'self' https:\/\/career-api-contoso\.azurewebsites\.net /);
    // Live updates: the Web PubSub service named by the deployment's output, over wss only.
    expect(csp).toMatch(/connect-src [^;]* wss:\/\/careerconv-live-contoso\.webpubsub\.azure\.com /);
    expect(csp).not.toMatch(/ ws:\/\//);
    expect(readFileSync(join(tabDir, 'index.html'), 'utf8')).toMatch(/<script type="module"/);
    // The production site has no host emulator in it.
    expect(() => readFileSync(join(tabDir, 'preview.html'))).toThrow();
  });

  it('bundles the Function App into main.cjs, which loads on its own and registers every route, and the files it loads on first use', () => {
    const pkg = JSON.parse(readFileSync(join(functionsDir, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('main.cjs');
    expect(JSON.parse(readFileSync(join(functionsDir, 'host.json'), 'utf8'))).toMatchObject({ version: '2.0' });
    // Away from the repository's node_modules: nothing but the bundle.
    const alone = mkdtempSync(join(tmpdir(), 'functions-alone-'));
    cpSync(functionsDir, alone, { recursive: true });
    const run = spawnSync(process.execPath, ['-e', "require('./main.cjs')"], { cwd: alone, encoding: 'utf8' });
    // What main.cjs imports on first use (in Azure: the managed identity, MSAL for Graph) loads there too.
    const onDemand = spawnSync(
      process.execPath,
      [
        '-e',
        "require('./identity.cjs').ManagedIdentityCredential.name; require('./msal-node.cjs').ConfidentialClientApplication.name; require('./web-pubsub.cjs').WebPubSubServiceClient.name",
      ],
      { cwd: alone, encoding: 'utf8' },
    );
    rmSync(alone, { recursive: true, force: true });
    expect(run.status, run.stderr).toBe(0);
    expect(onDemand.status, onDemand.stderr).toBe(0);
    const registered = [...`${run.stdout}${run.stderr}`.matchAll(/register function "([\w-]+)"/g)].map(
      (match) => match[1],
    );
    // Every route, and the daily nudges timer.
    expect(registered).toEqual([...[...routes, ...publicRoutes].map((route) => route.name), 'nudges-daily']);
    const zip = new AdmZip(join(outDir, 'functions.zip'));
    expect(
      zip
        .getEntries()
        .map((entry) => entry.entryName)
        .sort(),
    ).toEqual(['host.json', 'identity.cjs', 'main.cjs', 'msal-node.cjs', 'package.json', 'web-pubsub.cjs']);
  });

  it('refuses an API address that is not https://<host>/api, and a Web PubSub host that is not a host name', () => {
    expect(() => settingsFrom([], { API_BASE_URL: 'http://insecure.example/api' })).toThrow(/API_BASE_URL must be/);
    expect(() => settingsFrom([], { WEBPUBSUB_HOST: 'https://live.example' })).toThrow(/WEBPUBSUB_HOST must be/);
    expect(() => settingsFrom([], { WEBPUBSUB_HOST: "live.example 'unsafe-inline'" })).toThrow(/WEBPUBSUB_HOST/);
  });

  it('signs in with the bundles: identity.cjs with the msal-node @azure/identity declares, msal-node.cjs with the app’s', async () => {
    const require = createRequire(import.meta.url);
    const identityPackage = require.resolve('@azure/identity/package.json');
    const declared = (JSON.parse(readFileSync(identityPackage, 'utf8')) as { dependencies: Record<string, string> })
      .dependencies['@azure/msal-node']!;
    // The msal-node Node resolves for @azure/identity (its own, nested when the app's differs).
    const identitysMsal = (
      JSON.parse(readFileSync(createRequire(identityPackage).resolve('@azure/msal-node/package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
    const appsMsal = (
      JSON.parse(readFileSync(require.resolve('@azure/msal-node/package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
    const major = (version: string) => Number(/(\d+)\./.exec(version)?.[1]);
    expect(major(identitysMsal), `@azure/identity declares msal-node ${declared}`).toBe(major(declared));

    const standIn = await startEntraGraphStandIn([]);
    const tenant = '1736b4c5-d7c7-462a-aa17-fdf2016559c3';
    const clientId = '5f1c3b2e-7a4d-4e2b-9c8f-0d1e2f3a4b5c';
    try {
      // identity.cjs, as the Function App loads it, sending what it would send to Entra ID to the stand-in.
      const sent: string[] = [];
      const httpClient: HttpClient = {
        async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
          const target = request.url.replace('https://login.microsoftonline.com', standIn.url);
          const body = typeof request.body === 'string' ? request.body : undefined;
          sent.push(`${request.url} ${body ?? ''}`);
          const response = await fetch(target, {
            method: request.method,
            headers: request.headers.toJSON(),
            ...(body === undefined ? {} : { body }),
          });
          const headers = createHttpHeaders();
          response.headers.forEach((value, name) => {
            headers.set(name, value);
          });
          return { request, status: response.status, headers, bodyAsText: await response.text() };
        },
      };
      const identity = require(join(functionsDir, 'identity.cjs')) as {
        ClientSecretCredential: new (
          tenantId: string,
          clientId: string,
          secret: string,
          options: { httpClient: HttpClient },
        ) => TokenCredential;
      };
      const credential = new identity.ClientSecretCredential(tenant, clientId, 'test-secret', { httpClient });
      const token = await credential.getToken('https://graph.microsoft.com/.default');
      expect(token?.token).toBe(`app-token-for-${tenant}`);
      const tokenRequest = sent.find((line) => line.includes('/oauth2/v2.0/token'))!;
      // MSAL names itself in every token request: the version identity.cjs signs in with is identity's own.
      expect(new URLSearchParams(tokenRequest.split(' ')[1]).get('x-client-VER')).toBe(identitysMsal);

      // msal-node.cjs: the app's own MSAL, for the on-behalf-of calls and the nudges' app token.
      const msal = require(join(functionsDir, 'msal-node.cjs')) as {
        ConfidentialClientApplication: new (configuration: Configuration) => ConfidentialClientApplication;
      };
      const app = new msal.ConfidentialClientApplication({
        auth: { clientId, authority: `https://login.microsoftonline.com/${tenant}`, clientSecret: 'test-secret' },
        system: { networkClient: standIn.networkClient },
      });
      const appToken = await app.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
      expect(appToken?.accessToken).toBe(`app-token-for-${tenant}`);
      const appTokenRequest = standIn.requests.filter((request) => request.path.endsWith('/oauth2/v2.0/token')).at(-1)!;
      expect(new URLSearchParams(appTokenRequest.body).get('x-client-VER')).toBe(appsMsal);
    } finally {
      await standIn.close();
    }
  });
});
