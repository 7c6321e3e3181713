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
      live: { mode: 'off' },
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
      manifestAppId: tenant,
      catalogAppId: null,
    });
    // The org catalog's id, when the admin knows it (the publish step's), is taken as it is: no lookup.
    const catalogId = '7a1d3c5e-2b4f-4a6c-8e0d-9f1b3d5e7a2c';
    expect(
      loadConfig({ ...entra, NUDGES_MODE: 'graph', TEAMS_APP_ID: tenant, TEAMS_APP_CATALOG_ID: catalogId }).nudges,
    ).toMatchObject({ manifestAppId: tenant, catalogAppId: catalogId });
    // An empty setting (the template's default) is no id.
    expect(
      loadConfig({ ...entra, NUDGES_MODE: 'graph', TEAMS_APP_ID: tenant, TEAMS_APP_CATALOG_ID: '' }).nudges,
    ).toMatchObject({ catalogAppId: null });
    expect(problemsOf({ ...entra, NUDGES_MODE: 'graph' }).join()).toMatch(/TEAMS_APP_ID is not set/);
    expect(
      problemsOf({ ...entra, NUDGES_MODE: 'graph', TEAMS_APP_ID: tenant, TEAMS_APP_CATALOG_ID: "x' or 1 eq 1" }).join(),
    ).toMatch(/TEAMS_APP_CATALOG_ID must be a GUID/);
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

  describe('live updates', () => {
    const key = 'x'.repeat(32);
    const local = 'Endpoint=http://127.0.0.1:51234;AccessKey=c2VjcmV0;Version=1.0;';

    it('are off unless a Web PubSub endpoint or connection string is set', () => {
      expect(loadConfig(entra).live).toEqual({ mode: 'off' });
      // The hub and the key alone turn nothing on, and are not checked then.
      expect(loadConfig({ ...entra, WEBPUBSUB_HUB: '9 bad', LIVE_GROUP_KEY: 'short' }).live).toEqual({ mode: 'off' });
    });

    it('reach the service in Azure by its https endpoint, as the managed identity, with the default hub', () => {
      expect(
        loadConfig({ ...entra, WEBPUBSUB_ENDPOINT: 'https://career-live.webpubsub.azure.com/', LIVE_GROUP_KEY: key })
          .live,
      ).toEqual({
        mode: 'webPubSub',
        service: { kind: 'endpoint', endpoint: 'https://career-live.webpubsub.azure.com' },
        hub: 'conversations',
        groupKey: key,
      });
      for (const endpoint of ['http://career-live.webpubsub.azure.com', 'career-live', 'https://x.example/api?a=1']) {
        expect(problemsOf({ ...entra, WEBPUBSUB_ENDPOINT: endpoint, LIVE_GROUP_KEY: key }).join(), endpoint).toMatch(
          /WEBPUBSUB_ENDPOINT must be the service's https endpoint/,
        );
      }
      // In Azure that needs the identity named, as storage does.
      expect(
        problemsOf({
          ...entra,
          TABLES_ENDPOINT: '',
          TABLES_CONNECTION_STRING: 'UseDevelopmentStorage=true',
          GRAPH_CLIENT_CREDENTIAL: 'secret',
          ENTRA_CLIENT_SECRET: 'from-key-vault',
          WEBPUBSUB_ENDPOINT: 'https://career-live.webpubsub.azure.com',
          LIVE_GROUP_KEY: key,
          WEBSITE_SITE_NAME: 'career-api',
        }).join(),
      ).toMatch(/MANAGED_IDENTITY_CLIENT_ID is not set/);
    });

    it('take a connection string with a key for local runs, on this machine only when it is plain http', () => {
      expect(loadConfig({ ...entra, WEBPUBSUB_CONNECTION_STRING: local, LIVE_GROUP_KEY: key }).live).toEqual({
        mode: 'webPubSub',
        service: { kind: 'connectionString', connectionString: local, endpoint: 'http://127.0.0.1:51234' },
        hub: 'conversations',
        groupKey: key,
      });
      // A Port field moves the endpoint, as the SDK reads it.
      expect(
        loadConfig({
          ...entra,
          WEBPUBSUB_CONNECTION_STRING: 'Endpoint=http://localhost;Port=8080;AccessKey=k;Version=1.0;',
          LIVE_GROUP_KEY: key,
        }).live,
      ).toMatchObject({ service: { endpoint: 'http://localhost:8080' } });
      expect(
        problemsOf({
          ...entra,
          WEBPUBSUB_CONNECTION_STRING: 'Endpoint=http://live.example;AccessKey=k;Version=1.0;',
          LIVE_GROUP_KEY: key,
        }).join(),
      ).toMatch(/an http endpoint is accepted on this machine only/);
      for (const broken of ['Endpoint=http://127.0.0.1:1;Version=1.0;', 'AccessKey=k;', 'nonsense']) {
        expect(
          problemsOf({ ...entra, WEBPUBSUB_CONNECTION_STRING: broken, LIVE_GROUP_KEY: key }).join(),
          broken,
        ).toMatch(/WEBPUBSUB_CONNECTION_STRING must read "Endpoint=<url>;AccessKey=<key>;Version=1.0;"/);
      }
    });

    it('refuse a connection string in Azure, where local authentication is off', () => {
      expect(
        problemsOf({
          ...entra,
          WEBPUBSUB_CONNECTION_STRING: 'Endpoint=https://career-live.webpubsub.azure.com;AccessKey=k;Version=1.0;',
          LIVE_GROUP_KEY: key,
          MANAGED_IDENTITY_CLIENT_ID: '8d3f0c2a-6b1e-4f7d-9a5c-2e4b6d8f0a1c',
          WEBSITE_INSTANCE_ID: 'abc',
        }),
      ).toEqual([expect.stringMatching(/WEBPUBSUB_CONNECTION_STRING is refused in Azure/)]);
    });

    it('take one of endpoint and connection string, a hub the service accepts, and a group key of 32 characters or more', () => {
      const on = { ...entra, WEBPUBSUB_CONNECTION_STRING: local };
      expect(
        problemsOf({
          ...on,
          WEBPUBSUB_ENDPOINT: 'https://career-live.webpubsub.azure.com',
          LIVE_GROUP_KEY: key,
        }).join(),
      ).toMatch(/not both/);
      expect(problemsOf({ ...on, LIVE_GROUP_KEY: key, WEBPUBSUB_HUB: 'Career_Hub.2' })).toEqual([]);
      for (const hub of ['2hub', 'career hub', 'a/b', 'h'.repeat(129)]) {
        expect(problemsOf({ ...on, LIVE_GROUP_KEY: key, WEBPUBSUB_HUB: hub }).join(), hub).toMatch(
          /WEBPUBSUB_HUB must start with a letter/,
        );
      }
      expect(problemsOf(on).join()).toMatch(/LIVE_GROUP_KEY is not set/);
      expect(problemsOf({ ...on, LIVE_GROUP_KEY: 'x'.repeat(31) }).join()).toMatch(/LIVE_GROUP_KEY is too short/);
      // Every problem at once, with the others.
      const problems = problemsOf({ WEBPUBSUB_CONNECTION_STRING: 'nonsense', WEBPUBSUB_HUB: '-' });
      expect(problems.join('\n')).toMatch(
        /TABLES_ENDPOINT[\s\S]*WEBPUBSUB_CONNECTION_STRING[\s\S]*WEBPUBSUB_HUB[\s\S]*LIVE_GROUP_KEY/,
      );
    });
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
