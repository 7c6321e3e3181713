import * as z from 'zod';
import { GUID_PATTERN } from './domain';

/**
 * Every setting the Functions app reads, validated once at start-up. A missing or invalid
 * variable stops the app with a message that names it.
 */
export interface AppConfig {
  /**
   * How the app signs in to Azure (Table Storage, and the federated credential for Graph): as its
   * user-assigned managed identity, picked by client id (Azure), or as the developer signed in on
   * this machine (Azure CLI, VS Code, environment variables) when no identity is named.
   */
  identity: { kind: 'managedIdentity'; clientId: string } | { kind: 'developer' };
  storage: { kind: 'connectionString'; connectionString: string } | { kind: 'endpoint'; endpoint: string };
  auth:
    | { mode: 'entra'; clientId: string; allowedTenants: string[] }
    | { mode: 'dev'; jwksFile: string; issuerBase: string; audience: string; allowedTenants: string[] };
  directory:
    | { mode: 'file'; orgChartFile: string }
    | {
        mode: 'graph';
        credential: { kind: 'managedIdentity' } | { kind: 'secret'; secret: string };
        graphBaseUrl: string;
        authorityHost: string;
      };
  /**
   * Nudges through the Teams activity feed: sent by the daily run with the app's own identity
   * (application permissions TeamsActivity.Send and User.Read.All), or off.
   */
  nudges:
    | { mode: 'off' }
    | {
        mode: 'graph';
        clientId: string;
        credential: { kind: 'managedIdentity' } | { kind: 'secret'; secret: string };
        graphBaseUrl: string;
        authorityHost: string;
        /** The id the tenant's Teams knows the app by (the org catalog's), for the notifications' links. */
        teamsAppId: string;
      };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is incomplete:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const guidList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((part) => part.trim().toLowerCase())
      .filter(Boolean),
  )
  .pipe(
    z
      .array(z.string().regex(GUID_PATTERN, 'each entry must be a tenant id (a GUID)'))
      .min(1, 'list at least one tenant id'),
  );

/** Names of the variables, as the Bicep template and the README spell them. */
export const SETTING_NAMES = {
  tablesConnectionString: 'TABLES_CONNECTION_STRING',
  tablesEndpoint: 'TABLES_ENDPOINT',
  authMode: 'AUTH_MODE',
  entraClientId: 'ENTRA_CLIENT_ID',
  allowedTenants: 'ALLOWED_TENANT_IDS',
  devJwksFile: 'DEV_JWKS_FILE',
  devIssuerBase: 'DEV_ISSUER_BASE',
  devAudience: 'DEV_AUDIENCE',
  orgChartFile: 'ORG_CHART_FILE',
  directoryMode: 'DIRECTORY_MODE',
  graphClientCredential: 'GRAPH_CLIENT_CREDENTIAL',
  entraClientSecret: 'ENTRA_CLIENT_SECRET',
  graphBaseUrl: 'GRAPH_BASE_URL',
  authorityHost: 'ENTRA_AUTHORITY_HOST',
  managedIdentityClientId: 'MANAGED_IDENTITY_CLIENT_ID',
  nudgesMode: 'NUDGES_MODE',
  teamsAppId: 'TEAMS_APP_ID',
} as const;

type Env = Record<string, string | undefined>;

/** App Service and Functions set these in Azure; dev identity must never run there. */
function runsInAzure(env: Env): boolean {
  return [env.WEBSITE_INSTANCE_ID, env.WEBSITE_SITE_NAME].some((value) => value !== undefined && value !== '');
}

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
  const required = (name: string): string => {
    const value = read(name);
    if (!value) problems.push(`${name} is not set.`);
    return value ?? '';
  };
  const tenants = (name: string): string[] => {
    const parsed = guidList.safeParse(required(name));
    if (!parsed.success && read(name)) problems.push(`${name}: ${parsed.error.issues[0]?.message}.`);
    return parsed.success ? parsed.data : [];
  };

  const connectionString = read(SETTING_NAMES.tablesConnectionString);
  const endpoint = read(SETTING_NAMES.tablesEndpoint);
  let storage: AppConfig['storage'] = { kind: 'connectionString', connectionString: '' };
  if (endpoint) storage = { kind: 'endpoint', endpoint };
  else if (connectionString) storage = { kind: 'connectionString', connectionString };
  else
    problems.push(
      `Set ${SETTING_NAMES.tablesEndpoint} (Azure, managed identity) or ${SETTING_NAMES.tablesConnectionString} (Azurite).`,
    );

  const mode = read(SETTING_NAMES.authMode) ?? 'entra';
  let auth: AppConfig['auth'];
  if (mode === 'dev') {
    if (runsInAzure(env))
      problems.push(`${SETTING_NAMES.authMode}=dev is refused in Azure: dev identity is for local runs only.`);
    auth = {
      mode: 'dev',
      jwksFile: required(SETTING_NAMES.devJwksFile),
      issuerBase: required(SETTING_NAMES.devIssuerBase),
      audience: required(SETTING_NAMES.devAudience),
      allowedTenants: tenants(SETTING_NAMES.allowedTenants),
    };
  } else {
    if (mode !== 'entra') problems.push(`${SETTING_NAMES.authMode} must be "entra" or "dev", not "${mode}".`);
    const clientId = required(SETTING_NAMES.entraClientId);
    if (clientId && !GUID_PATTERN.test(clientId))
      problems.push(`${SETTING_NAMES.entraClientId} must be the app registration's client id (a GUID).`);
    auth = { mode: 'entra', clientId, allowedTenants: tenants(SETTING_NAMES.allowedTenants) };
  }

  const directoryMode = read(SETTING_NAMES.directoryMode) ?? (auth.mode === 'entra' ? 'graph' : 'file');
  let directory: AppConfig['directory'];
  if (directoryMode === 'graph') {
    if (auth.mode !== 'entra')
      problems.push(
        `${SETTING_NAMES.directoryMode}=graph needs ${SETTING_NAMES.authMode}=entra: Graph is called on behalf of the signed-in user.`,
      );
    const credential = read(SETTING_NAMES.graphClientCredential) ?? 'managedIdentity';
    if (credential !== 'managedIdentity' && credential !== 'secret') {
      problems.push(
        `${SETTING_NAMES.graphClientCredential} must be "managedIdentity" or "secret", not "${credential}".`,
      );
    }
    directory = {
      mode: 'graph',
      credential:
        credential === 'secret'
          ? { kind: 'secret', secret: required(SETTING_NAMES.entraClientSecret) }
          : { kind: 'managedIdentity' },
      graphBaseUrl: read(SETTING_NAMES.graphBaseUrl) ?? 'https://graph.microsoft.com/v1.0',
      authorityHost: read(SETTING_NAMES.authorityHost) ?? 'https://login.microsoftonline.com',
    };
  } else {
    if (directoryMode !== 'file')
      problems.push(`${SETTING_NAMES.directoryMode} must be "graph" or "file", not "${directoryMode}".`);
    directory = { mode: 'file', orgChartFile: required(SETTING_NAMES.orgChartFile) };
  }

  const nudgesMode = read(SETTING_NAMES.nudgesMode) ?? 'off';
  let nudges: AppConfig['nudges'] = { mode: 'off' };
  if (nudgesMode === 'graph') {
    const clientId = required(SETTING_NAMES.entraClientId);
    const teamsAppId = required(SETTING_NAMES.teamsAppId);
    const credential = read(SETTING_NAMES.graphClientCredential) ?? 'managedIdentity';
    nudges = {
      mode: 'graph',
      clientId,
      credential:
        credential === 'secret'
          ? { kind: 'secret', secret: required(SETTING_NAMES.entraClientSecret) }
          : { kind: 'managedIdentity' },
      graphBaseUrl: read(SETTING_NAMES.graphBaseUrl) ?? 'https://graph.microsoft.com/v1.0',
      authorityHost: read(SETTING_NAMES.authorityHost) ?? 'https://login.microsoftonline.com',
      teamsAppId,
    };
  } else if (nudgesMode !== 'off') {
    problems.push(`${SETTING_NAMES.nudgesMode} must be "graph" or "off", not "${nudgesMode}".`);
  }

  const identityClientId = read(SETTING_NAMES.managedIdentityClientId);
  let identity: AppConfig['identity'] = { kind: 'developer' };
  if (identityClientId) {
    if (!GUID_PATTERN.test(identityClientId.toLowerCase()))
      problems.push(
        `${SETTING_NAMES.managedIdentityClientId} must be the managed identity's client id (a GUID), not "${identityClientId}".`,
      );
    identity = { kind: 'managedIdentity', clientId: identityClientId.toLowerCase() };
  } else if (
    runsInAzure(env) &&
    (storage.kind === 'endpoint' || (directory.mode === 'graph' && directory.credential.kind === 'managedIdentity'))
  ) {
    problems.push(
      `${SETTING_NAMES.managedIdentityClientId} is not set: in Azure the app signs in to storage and Microsoft Graph as its user-assigned managed identity, named by its client id.`,
    );
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return { identity, storage, auth, directory, nudges };
}
