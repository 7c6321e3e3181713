import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import AdmZip from 'adm-zip';
import { build as bundle, type BuildOptions, type Plugin } from 'esbuild';
import { build as buildSite } from 'vite';
import { tabHeaders } from '../infra/tab-headers';
import { SITE_MODES } from '../vite.config';
import { parseEnvFile } from '../manifest/package';

/**
 * `npm run build [-- --env <name>]`: the deployable artefacts.
 *   dist/tab/                the tab's static site, with staticwebapp.config.json carrying its headers
 *   dist/functions/          the Function App: the bundled main.cjs, the packages it loads on first use
 *                            (identity.cjs with the msal-node it declares, msal-node.cjs for the app's
 *                            own Graph calls, web-pubsub.cjs), host.json and package.json
 *   dist/functions.zip       the same folder, ready for zip deployment
 * API_BASE_URL, WEBPUBSUB_HOST and TEAMS_APP_ID come from env/.env.<name> or the environment.
 */

const ROOT = resolve(import.meta.dirname, '..');

export interface BuildSettings {
  apiBaseUrl: string;
  /** The Web PubSub service's host name (a deployment output), which the tab's CSP lets it connect to. */
  webPubSubHost: string | undefined;
  teamsAppId: string | undefined;
  /** The app registration's client id: the Outlook add-in signs in with it (nested app authentication). */
  entraClientId?: string | undefined;
  /** The app's id in the organisation's catalog, for the Outlook add-in's links into Teams. */
  catalogAppId?: string | undefined;
  outDir: string;
}

export function settingsFrom(argv: string[], environment: Record<string, string | undefined>): BuildSettings {
  const envIndex = argv.indexOf('--env');
  const envName = envIndex >= 0 ? argv[envIndex + 1] : undefined;
  const file = envName ? join(ROOT, 'env', `.env.${envName}`) : null;
  if (file && !existsSync(file)) throw new Error(`There is no env/.env.${envName}.`);
  const values = { ...(file ? parseEnvFile(readFileSync(file, 'utf8')) : {}), ...environment };
  const apiBaseUrl = values.API_BASE_URL ?? '/api';
  if (apiBaseUrl !== '/api' && !/^https:\/\/[^/]+\/api$/.test(apiBaseUrl)) {
    throw new Error(
      `API_BASE_URL must be https://<function app host>/api (or unset for the same origin); it is "${apiBaseUrl}".`,
    );
  }
  // An empty line in the environment file (before provisioning wrote it) is no host.
  const webPubSubHost = values.WEBPUBSUB_HOST === '' ? undefined : values.WEBPUBSUB_HOST;
  if (webPubSubHost && !/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/.test(webPubSubHost)) {
    throw new Error(
      `WEBPUBSUB_HOST must be the Web PubSub service's host name (<name>.webpubsub.azure.com); it is "${webPubSubHost}".`,
    );
  }
  return {
    apiBaseUrl,
    webPubSubHost,
    teamsAppId: values.TEAMS_APP_ID,
    // An empty line in the environment file (before provisioning wrote it) is no value.
    entraClientId: values.ENTRA_CLIENT_ID === '' ? undefined : values.ENTRA_CLIENT_ID,
    catalogAppId: values.TEAMS_APP_PUBLISHED_APP_ID === '' ? undefined : values.TEAMS_APP_PUBLISHED_APP_ID,
    outDir: join(ROOT, 'dist'),
  };
}

export async function buildTab(settings: BuildSettings): Promise<string> {
  const outDir = join(settings.outDir, 'tab');
  process.env.VITE_API_BASE_URL = settings.apiBaseUrl;
  if (settings.teamsAppId) process.env.VITE_TEAMS_APP_ID = settings.teamsAppId;
  if (settings.entraClientId) process.env.VITE_ENTRA_CLIENT_ID = settings.entraClientId;
  if (settings.catalogAppId) process.env.VITE_TEAMS_CATALOG_APP_ID = settings.catalogAppId;
  for (const mode of SITE_MODES.production) {
    await buildSite({ configFile: join(ROOT, 'vite.config.ts'), mode, logLevel: 'warn', build: { outDir } });
  }
  const apiOrigin = settings.apiBaseUrl.startsWith('https://') ? new URL(settings.apiBaseUrl).origin : undefined;
  // Live updates connect to the Web PubSub service directly, over wss.
  const liveOrigin = settings.webPubSubHost ? `wss://${settings.webPubSubHost}` : undefined;
  writeFileSync(
    join(outDir, 'staticwebapp.config.json'),
    JSON.stringify(
      { globalHeaders: tabHeaders({ apiOrigin, liveOrigin }), mimeTypes: { '.json': 'application/json' } },
      null,
      2,
    ),
  );
  return outDir;
}

/**
 * How every file of the Function App is bundled; the cold-start bench bundles its floor the same way.
 * The Functions worker provides `@azure/functions-core` to the @azure/functions library at run time.
 */
export const FUNCTIONS_BUNDLE_OPTIONS: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  minify: true,
  legalComments: 'none',
  external: ['@azure/functions-core'],
  // `await import()` of a file beside main.cjs becomes a require(): Node's import() of a CommonJS
  // file goes through its ES module loader and costs several times as much.
  supported: { 'dynamic-import': false },
  logLevel: 'warning',
};

/**
 * Packages the API loads on first use (`await import()`), not at start-up: each is bundled into its
 * own file beside main.cjs, so starting the app does not even parse them. In Azure the first request
 * loads them (the managed identity for storage, MSAL for Graph, the Web PubSub SDK for live
 * updates); a local run never loads the first two.
 */
const ON_DEMAND_FILES: Record<string, string> = {
  '@azure/identity': 'identity.cjs',
  '@azure/msal-node': 'msal-node.cjs',
  '@azure/web-pubsub': 'web-pubsub.cjs',
};

/** Packages an on-demand file bundles from its own dependencies rather than sharing the app's file. */
const OWN_DEPENDENCIES: Record<string, readonly string[]> = { '@azure/identity': ['@azure/msal-node'] };

/**
 * Points imports of the on-demand packages at their own files. In main.cjs only a dynamic import is
 * accepted: a static one would load the package at start-up again, unnoticed.
 *
 * `own` names the packages a bundle carries itself instead: identity.cjs bundles the
 * `@azure/msal-node` that `@azure/identity` declares (resolved from its own folder, a major version
 * apart from the app's), never the app's msal-node.cjs, which it was not written for
 * (tests/integration/build.test.ts checks the version it signs in with).
 */
export function onDemandFiles(bundleLoadsAtStartUp: boolean, own: readonly string[] = []): Plugin {
  const names = Object.keys(ON_DEMAND_FILES).filter((name) => !own.includes(name));
  const filter = new RegExp(`^(${names.join('|')})$`);
  return {
    name: 'on-demand-files',
    setup(build) {
      build.onResolve({ filter }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        if (bundleLoadsAtStartUp && args.kind !== 'dynamic-import') {
          return { errors: [{ text: `Load ${args.path} with \`await import()\` where it is used, not at start-up.` }] };
        }
        return { path: `./${ON_DEMAND_FILES[args.path]}`, external: true };
      });
    },
  };
}

export async function buildFunctions(settings: BuildSettings): Promise<string> {
  const outDir = join(settings.outDir, 'functions');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await Promise.all([
    bundle({
      ...FUNCTIONS_BUNDLE_OPTIONS,
      entryPoints: [join(ROOT, 'functions/src/index.ts')],
      outfile: join(outDir, 'main.cjs'),
      plugins: [onDemandFiles(true)],
    }),
    ...Object.entries(ON_DEMAND_FILES).map(([name, file]) =>
      bundle({
        ...FUNCTIONS_BUNDLE_OPTIONS,
        entryPoints: [name],
        outfile: join(outDir, file),
        plugins: [onDemandFiles(false, OWN_DEPENDENCIES[name] ?? [])],
      }),
    ),
  ]);
  cpSync(join(ROOT, 'functions/host.json'), join(outDir, 'host.json'));
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  writeFileSync(
    join(outDir, 'package.json'),
    JSON.stringify(
      { name: 'career-conversations-api', version, private: true, main: 'main.cjs', engines: { node: '>=22' } },
      null,
      2,
    ),
  );
  const zip = new AdmZip();
  zip.addLocalFolder(outDir);
  zip.writeZip(join(settings.outDir, 'functions.zip'));
  return outDir;
}

if (process.argv[1]?.endsWith('build.ts')) {
  try {
    const settings = settingsFrom(process.argv, process.env);
    const tab = await buildTab(settings);
    const functions = await buildFunctions(settings);
    console.log(
      `Built the tab into ${tab} (API at ${settings.apiBaseUrl}) and the Function App into ${functions} and dist/functions.zip.`,
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
