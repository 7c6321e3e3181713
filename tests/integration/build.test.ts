import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/src/routes';
import { FRAME_ANCESTORS } from '../../infra/tab-headers';
import { buildFunctions, buildTab, settingsFrom } from '../../scripts/build';

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
    expect(registered).toEqual([...routes.map((route) => route.name), 'nudges-daily']);
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
});
