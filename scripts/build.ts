import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import AdmZip from 'adm-zip';
import { build as bundle } from 'esbuild';
import { build as buildSite } from 'vite';
import { tabHeaders } from '../infra/tab-headers';
import { parseEnvFile } from '../manifest/package';

/**
 * `npm run build [-- --env <name>]`: the deployable artefacts.
 *   dist/tab/                the tab's static site, with staticwebapp.config.json carrying its headers
 *   dist/functions/          the Function App: one bundled main.cjs, host.json and package.json
 *   dist/functions.zip       the same folder, ready for zip deployment
 * API_BASE_URL and TEAMS_APP_ID come from env/.env.<name> or the environment.
 */

const ROOT = resolve(import.meta.dirname, '..');

export interface BuildSettings {
  apiBaseUrl: string;
  teamsAppId: string | undefined;
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
  return { apiBaseUrl, teamsAppId: values.TEAMS_APP_ID, outDir: join(ROOT, 'dist') };
}

export async function buildTab(settings: BuildSettings): Promise<string> {
  const outDir = join(settings.outDir, 'tab');
  process.env.VITE_API_BASE_URL = settings.apiBaseUrl;
  if (settings.teamsAppId) process.env.VITE_TEAMS_APP_ID = settings.teamsAppId;
  await buildSite({
    configFile: join(ROOT, 'vite.config.ts'),
    mode: 'production',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  const apiOrigin = settings.apiBaseUrl.startsWith('https://') ? new URL(settings.apiBaseUrl).origin : undefined;
  writeFileSync(
    join(outDir, 'staticwebapp.config.json'),
    JSON.stringify({ globalHeaders: tabHeaders({ apiOrigin }), mimeTypes: { '.json': 'application/json' } }, null, 2),
  );
  return outDir;
}

export async function buildFunctions(settings: BuildSettings): Promise<string> {
  const outDir = join(settings.outDir, 'functions');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await bundle({
    entryPoints: [join(ROOT, 'functions/src/index.ts')],
    outfile: join(outDir, 'main.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    // The Functions worker provides this module to the @azure/functions library at run time.
    external: ['@azure/functions-core'],
    logLevel: 'warning',
  });
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
