import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../functions/src/config';

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
      storage: { kind: 'endpoint', endpoint: entra.TABLES_ENDPOINT },
      auth: { mode: 'entra', clientId: entra.ENTRA_CLIENT_ID, allowedTenants: [tenant] },
      directory: {
        mode: 'graph',
        credential: { kind: 'managedIdentity' },
        graphBaseUrl: 'https://graph.microsoft.com/v1.0',
        authorityHost: 'https://login.microsoftonline.com',
      },
    });
    expect(loadConfig({ ...entra, DIRECTORY_MODE: 'file' }).directory).toEqual({
      mode: 'file',
      orgChartFile: 'org.json',
    });
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
});
