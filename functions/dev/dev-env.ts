import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { SETTING_NAMES } from '../src/config';
import { readOrgChart } from '../src/directory';
import { DEV_AUDIENCE, DEV_ISSUER_BASE } from './dev-identity';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const DEMO_ORG_CHART = join(REPO_ROOT, 'functions/dev/demo-org.json');

/** Where a local run keeps its state: Azurite's tables and the dev key pair. */
export function dataPaths(dataDir = process.env.DATA_DIR ?? join(REPO_ROOT, '.data')) {
  return {
    dataDir,
    azurite: join(dataDir, 'azurite'),
    /** Written once the demo is seeded: a data folder is seeded once, whatever people do to the plans afterwards. */
    seededMarker: join(dataDir, 'seeded'),
    devKeys: join(dataDir, 'dev-identity/keys.json'),
    devJwks: join(dataDir, 'dev-identity/jwks.json'),
  };
}

export function orgChartFile(): string {
  return process.env[SETTING_NAMES.orgChartFile] ?? DEMO_ORG_CHART;
}

/**
 * Live updates for a local run: the Web PubSub stand-in's connection string, and a group key made
 * afresh for each start. Nothing outlives a start on the live side (the stand-in's access key and its
 * connections are new each time, and the tab negotiates again on reconnecting), so the key need not.
 */
export function localLiveSettings(connectionString: string): Record<string, string> {
  return {
    [SETTING_NAMES.webPubSubConnectionString]: connectionString,
    [SETTING_NAMES.liveGroupKey]: randomBytes(32).toString('base64url'),
  };
}

/** The settings of a local run, in the same variables the Function App reads in Azure. */
export function devEnvironment(options: {
  connectionString: string;
  jwksFile: string;
  orgChart: string;
  /** The Web PubSub stand-in's connection string, for live updates; without it they are off. */
  liveConnectionString?: string;
}): Record<string, string> {
  const tenants = readOrgChart(options.orgChart).tenants.map((tenant) => tenant.tenantId);
  return {
    ...(options.liveConnectionString ? localLiveSettings(options.liveConnectionString) : {}),
    [SETTING_NAMES.tablesConnectionString]: options.connectionString,
    [SETTING_NAMES.authMode]: 'dev',
    [SETTING_NAMES.devJwksFile]: options.jwksFile,
    [SETTING_NAMES.devIssuerBase]: DEV_ISSUER_BASE,
    [SETTING_NAMES.devAudience]: DEV_AUDIENCE,
    [SETTING_NAMES.allowedTenants]: tenants.join(','),
    [SETTING_NAMES.orgChartFile]: options.orgChart,
  };
}
