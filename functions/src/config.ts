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
   * (the manifest's resource-specific TeamsActivity.Send.User; application permissions User.Read.All
   * for the current manager and AppCatalog.Read.All for the catalog id), or off.
   */
  nudges:
    | { mode: 'off' }
    | {
        mode: 'graph';
        clientId: string;
        credential: { kind: 'managedIdentity' } | { kind: 'secret'; secret: string };
        graphBaseUrl: string;
        authorityHost: string;
        /** The manifest's id (TEAMS_APP_ID): the links' fallback, and how the catalog id is looked up. */
        manifestAppId: string;
        /** The org catalog's id for the app when the admin set it (TEAMS_APP_CATALOG_ID); null: looked up in Graph. */
        catalogAppId: string | null;
      };
  /**
   * Live updates through Azure Web PubSub (optional): after a change is stored, the API tells the
   * conversation's group that it changed. In Azure the service's endpoint, signed in as the managed
   * identity; locally and in tests a connection string with a key, on loopback only.
   */
  live:
    | { mode: 'off' }
    | {
        mode: 'webPubSub';
        service:
          | { kind: 'endpoint'; endpoint: string }
          | { kind: 'connectionString'; connectionString: string; endpoint: string };
        hub: string;
        /** The secret behind the groups' names (an HMAC key). */
        groupKey: string;
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
  teamsAppCatalogId: 'TEAMS_APP_CATALOG_ID',
  webPubSubEndpoint: 'WEBPUBSUB_ENDPOINT',
  webPubSubConnectionString: 'WEBPUBSUB_CONNECTION_STRING',
  webPubSubHub: 'WEBPUBSUB_HUB',
  liveGroupKey: 'LIVE_GROUP_KEY',
} as const;

/** Web PubSub's rule for a hub's name (the service SDK checks the same pattern). */
export const HUB_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_`,.[\]]{0,127}$/;
export const DEFAULT_WEBPUBSUB_HUB = 'conversations';
/** The group key's shortest length: a secret as long as an HMAC-SHA256 key should be. */
export const MIN_LIVE_GROUP_KEY_LENGTH = 32;

type Env = Record<string, string | undefined>;

/** App Service and Functions set these in Azure; dev identity must never run there. */
function runsInAzure(env: Env): boolean {
  return [env.WEBSITE_INSTANCE_ID, env.WEBSITE_SITE_NAME].some((value) => value !== undefined && value !== '');
}

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

/** A URL's text as an URL, or null. */
function urlOf(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/**
 * The Endpoint of a Web PubSub connection string (`Endpoint=…;AccessKey=…;Version=1.0;`, with an
 * optional Port), as the service SDK reads it; null without an endpoint or a key.
 */
function connectionStringEndpoint(value: string): URL | null {
  const fields = new Map(
    value
      .split(';')
      .filter((part) => part.includes('='))
      .map((part) => [part.slice(0, part.indexOf('=')).trim().toLowerCase(), part.slice(part.indexOf('=') + 1).trim()]),
  );
  const endpoint = urlOf(fields.get('endpoint') ?? '');
  if (!endpoint || !fields.get('accesskey')) return null;
  const port = fields.get('port');
  if (port) endpoint.port = port;
  return endpoint;
}

/** Live updates' settings: off unless an endpoint or a connection string names a Web PubSub service. */
function liveSettings(env: Env, read: (name: string) => string | undefined, problems: string[]): AppConfig['live'] {
  const endpointSetting = read(SETTING_NAMES.webPubSubEndpoint);
  const connectionString = read(SETTING_NAMES.webPubSubConnectionString);
  if (!endpointSetting && !connectionString) return { mode: 'off' };
  let service: Extract<AppConfig['live'], { mode: 'webPubSub' }>['service'];
  if (endpointSetting && connectionString) {
    problems.push(
      `Set ${SETTING_NAMES.webPubSubEndpoint} (Azure, managed identity) or ${SETTING_NAMES.webPubSubConnectionString} (local runs), not both.`,
    );
  }
  if (endpointSetting) {
    const url = urlOf(endpointSetting);
    if (url?.protocol !== 'https:' || url.pathname !== '/' || url.search || url.username) {
      problems.push(
        `${SETTING_NAMES.webPubSubEndpoint} must be the service's https endpoint (https://<name>.webpubsub.azure.com), not "${endpointSetting}".`,
      );
    }
    service = { kind: 'endpoint', endpoint: url?.origin ?? endpointSetting };
  } else {
    const value = connectionString ?? '';
    const url = connectionStringEndpoint(value);
    if (runsInAzure(env)) {
      problems.push(
        `${SETTING_NAMES.webPubSubConnectionString} is refused in Azure: the app signs in to Web PubSub as its managed identity (${SETTING_NAMES.webPubSubEndpoint}); local authentication is off there.`,
      );
    }
    if (!url) {
      problems.push(
        `${SETTING_NAMES.webPubSubConnectionString} must read "Endpoint=<url>;AccessKey=<key>;Version=1.0;".`,
      );
    } else if (url.protocol === 'http:' && !LOOPBACK_HOSTS.includes(url.hostname)) {
      problems.push(
        `${SETTING_NAMES.webPubSubConnectionString}: an http endpoint is accepted on this machine only (127.0.0.1, localhost), not ${url.host}; use https.`,
      );
    } else if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      problems.push(`${SETTING_NAMES.webPubSubConnectionString}: the endpoint must be an http(s) URL.`);
    }
    service = { kind: 'connectionString', connectionString: value, endpoint: url?.origin ?? '' };
  }
  const hub = read(SETTING_NAMES.webPubSubHub) ?? DEFAULT_WEBPUBSUB_HUB;
  if (!HUB_NAME_PATTERN.test(hub)) {
    problems.push(
      `${SETTING_NAMES.webPubSubHub} must start with a letter and hold at most 128 letters, digits and _ \` , . [ ], not "${hub}".`,
    );
  }
  const groupKey = read(SETTING_NAMES.liveGroupKey) ?? '';
  if (groupKey.length < MIN_LIVE_GROUP_KEY_LENGTH) {
    problems.push(
      `${SETTING_NAMES.liveGroupKey} ${groupKey ? 'is too short' : 'is not set'}: with live updates on it must be a random secret of at least ${MIN_LIVE_GROUP_KEY_LENGTH} characters (it keeps the conversations' group names unguessable).`,
    );
  }
  return { mode: 'webPubSub', service, hub, groupKey };
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
    const manifestAppId = required(SETTING_NAMES.teamsAppId);
    const catalogAppId = read(SETTING_NAMES.teamsAppCatalogId) ?? null;
    for (const [name, value] of [
      [SETTING_NAMES.teamsAppId, manifestAppId],
      [SETTING_NAMES.teamsAppCatalogId, catalogAppId],
    ] as const) {
      if (value && !GUID_PATTERN.test(value.toLowerCase()))
        problems.push(`${name} must be a GUID (the Teams app's id); it is "${value}".`);
    }
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
      manifestAppId,
      catalogAppId,
    };
  } else if (nudgesMode !== 'off') {
    problems.push(`${SETTING_NAMES.nudgesMode} must be "graph" or "off", not "${nudgesMode}".`);
  }

  const live = liveSettings(env, read, problems);

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
    (storage.kind === 'endpoint' ||
      (directory.mode === 'graph' && directory.credential.kind === 'managedIdentity') ||
      (live.mode === 'webPubSub' && live.service.kind === 'endpoint'))
  ) {
    problems.push(
      `${SETTING_NAMES.managedIdentityClientId} is not set: in Azure the app signs in to storage, Microsoft Graph and Web PubSub as its user-assigned managed identity, named by its client id.`,
    );
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return { identity, storage, auth, directory, nudges, live };
}
