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

/** The settings of a local run, in the same variables the Function App reads in Azure. */
export function devEnvironment(options: {
  connectionString: string;
  jwksFile: string;
  orgChart: string;
}): Record<string, string> {
  const tenants = readOrgChart(options.orgChart).tenants.map((tenant) => tenant.tenantId);
  return {
    [SETTING_NAMES.tablesConnectionString]: options.connectionString,
    [SETTING_NAMES.authMode]: 'dev',
    [SETTING_NAMES.devJwksFile]: options.jwksFile,
    [SETTING_NAMES.devIssuerBase]: DEV_ISSUER_BASE,
    [SETTING_NAMES.devAudience]: DEV_AUDIENCE,
    [SETTING_NAMES.allowedTenants]: tenants.join(','),
    [SETTING_NAMES.orgChartFile]: options.orgChart,
  };
}
