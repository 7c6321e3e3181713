import { readFileSync } from 'node:fs';
import { DefaultAzureCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { JSONWebKeySet } from 'jose';
import { devVerifier, entraVerifier, type TokenVerifier } from './auth';
import type { AppConfig } from './config';
import { FileDirectory, GraphDirectory, type Directory } from './directory';
import { AuditStore, LinkStore, PlanStore, ensureTables, openTables, type StorageSettings, type Tables } from './store';

/** What handlers work with, built once per process from the configuration. */
export interface Services {
  plans: PlanStore;
  links: LinkStore;
  audit: AuditStore;
  directory: Directory;
  verifier: TokenVerifier;
  now: () => Date;
}

/**
 * The app's Azure identity: in Azure its user-assigned managed identity, picked by client id (a
 * Function App may hold several identities, so it is always named); elsewhere the developer's own
 * sign-in.
 */
function azureCredential(config: AppConfig): TokenCredential {
  return config.identity.kind === 'managedIdentity'
    ? new ManagedIdentityCredential({ clientId: config.identity.clientId })
    : new DefaultAzureCredential();
}

function storageSettings(config: AppConfig, credential: () => TokenCredential): StorageSettings {
  return config.storage.kind === 'endpoint'
    ? { kind: 'endpoint', endpoint: config.storage.endpoint, credential: credential() }
    : config.storage;
}

function verifierFor(config: AppConfig): TokenVerifier {
  const auth = config.auth;
  if (auth.mode === 'entra') return entraVerifier(auth);
  const jwks = JSON.parse(readFileSync(auth.jwksFile, 'utf8')) as JSONWebKeySet;
  return devVerifier({
    jwks,
    issuerBase: auth.issuerBase,
    audience: auth.audience,
    allowedTenants: auth.allowedTenants,
  });
}

function directoryFor(config: AppConfig, credential: () => TokenCredential): Directory {
  const settings = config.directory;
  if (settings.mode === 'file') return new FileDirectory(settings.orgChartFile);
  const clientId = config.auth.mode === 'entra' ? config.auth.clientId : '';
  return new GraphDirectory({
    clientId,
    // The app registration trusts the user-assigned managed identity (a federated credential), so
    // the identity's token for the token exchange audience stands in for a secret.
    credential:
      settings.credential.kind === 'secret'
        ? settings.credential
        : {
            kind: 'assertion',
            getAssertion: async () => {
              const assertion = await credential().getToken('api://AzureADTokenExchange/.default');
              if (!assertion) throw new Error('The managed identity gave no token for the token exchange.');
              return assertion.token;
            },
          },
    authorityHost: settings.authorityHost,
    graphBaseUrl: settings.graphBaseUrl,
    cacheTtlMs: 60_000,
    maxRetryWaitMs: 10_000,
  });
}

/** One credential per process, made when first needed (a local run with Azurite and a file org chart needs none). */
function lazyCredential(config: AppConfig): () => TokenCredential {
  let credential: TokenCredential | undefined;
  return () => (credential ??= azureCredential(config));
}

export function servicesFromTables(
  config: AppConfig,
  tables: Tables,
  credential: () => TokenCredential = lazyCredential(config),
): Services {
  return {
    plans: new PlanStore(tables),
    links: new LinkStore(tables),
    audit: new AuditStore(tables),
    directory: directoryFor(config, credential),
    verifier: verifierFor(config),
    now: () => new Date(),
  };
}

/** Opens storage, creates the tables when missing, and wires the rest. */
export async function createServices(config: AppConfig): Promise<Services> {
  const credential = lazyCredential(config);
  const tables = openTables(storageSettings(config, credential));
  await ensureTables(tables);
  return servicesFromTables(config, tables, credential);
}
