import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEV_AUDIENCE, DEV_ISSUER_BASE } from '../../functions/dev/dev-identity';
import { ConfigError, loadConfig } from '../../functions/src/config';
import { readOrgChart } from '../../functions/src/directory';

const tenant = '1736b4c5-d7c7-462a-aa17-fdf2016559c3';
const entra = {
  TABLES_ENDPOINT: 'https://account.table.core.windows.net',
  ENTRA_CLIENT_ID: '5f1c3b2e-7a4d-4e2b-9c8f-0d1e2f3a4b5c',
  ALLOWED_TENANT_IDS: tenant,
  ORG_CHART_FILE: 'org.json',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('reads the production settings: managed-identity storage and Entra ID', () => {
    expect(loadConfig(entra)).toEqual({
      identity: { kind: 'developer' },
      storage: { kind: 'endpoint', endpoint: entra.TABLES_ENDPOINT },
      auth: { mode: 'entra', clientId: entra.ENTRA_CLIENT_ID, allowedTenants: [tenant] },
      directory: {
        mode: 'graph',
        credential: { kind: 'managedIdentity' },
        graphBaseUrl: 'https://graph.microsoft.com/v1.0',
        authorityHost: 'https://login.microsoftonline.com',
      },
      nudges: { mode: 'off' },
    });
    expect(loadConfig({ ...entra, DIRECTORY_MODE: 'file' }).directory).toEqual({
      mode: 'file',
      orgChartFile: 'org.json',
    });
  });

  it("sends nudges with the app's own identity when asked to, and needs the id Teams knows the app by", () => {
    expect(loadConfig({ ...entra, NUDGES_MODE: 'graph', TEAMS_APP_ID: tenant }).nudges).toEqual({
      mode: 'graph',
      clientId: entra.ENTRA_CLIENT_ID,
      credential: { kind: 'managedIdentity' },
      graphBaseUrl: 'https://graph.microsoft.com/v1.0',
      authorityHost: 'https://login.microsoftonline.com',
      teamsAppId: tenant,
    });
    expect(problemsOf({ ...entra, NUDGES_MODE: 'graph' }).join()).toMatch(/TEAMS_APP_ID is not set/);
    expect(problemsOf({ ...entra, NUDGES_MODE: 'email' }).join()).toMatch(/NUDGES_MODE must be "graph" or "off"/);
  });

  it('asks for the client secret only when Graph is to use one', () => {
    expect(problemsOf({ ...entra, GRAPH_CLIENT_CREDENTIAL: 'secret' }).join()).toMatch(
      /ENTRA_CLIENT_SECRET is not set/,
    );
    expect(problemsOf({ ...entra, GRAPH_CLIENT_CREDENTIAL: 'certificate' }).join()).toMatch(
      /GRAPH_CLIENT_CREDENTIAL must be/,
    );
  });

  it('names every missing variable at once', () => {
    const problems = problemsOf({});
    expect(problems.join('\n')).toMatch(/TABLES_ENDPOINT/);
    expect(problems.join('\n')).toMatch(/ENTRA_CLIENT_ID is not set/);
    expect(problems.join('\n')).toMatch(/ALLOWED_TENANT_IDS is not set/);
  });

  it('rejects a client id or tenant that is not a GUID', () => {
    expect(problemsOf({ ...entra, ENTRA_CLIENT_ID: 'my-app' }).join()).toMatch(/ENTRA_CLIENT_ID must be/);
    expect(problemsOf({ ...entra, ALLOWED_TENANT_IDS: 'contoso.com' }).join()).toMatch(/ALLOWED_TENANT_IDS/);
  });

  it('signs in to Azure as the managed identity its client id names, which Azure requires', () => {
    const identity = '8D3F0C2A-6B1E-4F7D-9A5C-2E4B6D8F0A1C';
    expect(loadConfig({ ...entra, MANAGED_IDENTITY_CLIENT_ID: identity }).identity).toEqual({
      kind: 'managedIdentity',
      clientId: identity.toLowerCase(),
    });
    expect(problemsOf({ ...entra, MANAGED_IDENTITY_CLIENT_ID: 'api-identity' }).join()).toMatch(
      /MANAGED_IDENTITY_CLIENT_ID must be the managed identity's client id/,
    );
    // In Azure a Function App may hold several identities: storage and Graph need the one named.
    expect(problemsOf({ ...entra, WEBSITE_SITE_NAME: 'career-api' }).join()).toMatch(
      /MANAGED_IDENTITY_CLIENT_ID is not set/,
    );
    // A client secret for Graph and Azurite for storage need no identity.
    expect(
      problemsOf({
        ...entra,
        TABLES_ENDPOINT: '',
        TABLES_CONNECTION_STRING: 'UseDevelopmentStorage=true',
        GRAPH_CLIENT_CREDENTIAL: 'secret',
        ENTRA_CLIENT_SECRET: 'from-key-vault',
        WEBSITE_SITE_NAME: 'career-api',
      }),
    ).toEqual([]);
  });

  it('refuses dev identity when running in Azure', () => {
    const dev = {
      TABLES_CONNECTION_STRING: 'UseDevelopmentStorage=true',
      AUTH_MODE: 'dev',
      DEV_JWKS_FILE: 'jwks.json',
      DEV_ISSUER_BASE: 'http://localhost:7071/dev-identity',
      DEV_AUDIENCE: 'x',
      ALLOWED_TENANT_IDS: tenant,
      ORG_CHART_FILE: 'org.json',
    };
    expect(problemsOf(dev)).toEqual([]);
    expect(problemsOf({ ...dev, WEBSITE_SITE_NAME: 'career-api' }).join()).toMatch(/refused in Azure/);
  });

  it('starts the built bundle under func start with functions/local.settings.json.example, as the README says', () => {
    const root = join(import.meta.dirname, '../..');
    const example = JSON.parse(
      readFileSync(join(root, 'functions/local.settings.json.example'), 'utf8').replaceAll('<repo>', root),
    ) as { Values: Record<string, string>; Host: { LocalHttpPort: number } };
    const config = loadConfig(example.Values);
    expect(config).toMatchObject({
      identity: { kind: 'developer' },
      storage: { kind: 'connectionString', connectionString: 'UseDevelopmentStorage=true' },
      auth: { mode: 'dev', issuerBase: DEV_ISSUER_BASE, audience: DEV_AUDIENCE },
      directory: { mode: 'file' },
    });
    // The tokens of `npm run token` are accepted: same issuer (on Core Tools' port), audience and tenants.
    expect(new URL(DEV_ISSUER_BASE).port).toBe(String(example.Host.LocalHttpPort));
    const orgChart = example.Values.ORG_CHART_FILE!;
    expect(existsSync(orgChart)).toBe(true);
    expect(config.auth.allowedTenants).toEqual(readOrgChart(orgChart).tenants.map((tenant) => tenant.tenantId));
    expect(example.Values.DEV_JWKS_FILE).toBe(join(root, '.data/dev-identity/jwks.json'));
    expect(example.Values.FUNCTIONS_WORKER_RUNTIME).toBe('node');
  });
});
