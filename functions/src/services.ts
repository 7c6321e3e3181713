import { readFileSync } from 'node:fs';
import { DefaultAzureCredential, ManagedIdentityCredential } from '@azure/identity';
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

function storageSettings(config: AppConfig): StorageSettings {
  return config.storage.kind === 'endpoint'
    ? { kind: 'endpoint', endpoint: config.storage.endpoint, credential: new DefaultAzureCredential() }
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

function directoryFor(config: AppConfig): Directory {
  const settings = config.directory;
  if (settings.mode === 'file') return new FileDirectory(settings.orgChartFile);
  const clientId = config.auth.mode === 'entra' ? config.auth.clientId : '';
  const identity = new ManagedIdentityCredential();
  return new GraphDirectory({
    clientId,
    // With a managed identity, a federated credential on the app registration replaces any secret.
    credential:
      settings.credential.kind === 'secret'
        ? settings.credential
        : {
            kind: 'assertion',
            getAssertion: async () => (await identity.getToken('api://AzureADTokenExchange/.default')).token,
          },
    authorityHost: settings.authorityHost,
    graphBaseUrl: settings.graphBaseUrl,
    cacheTtlMs: 60_000,
    maxRetryWaitMs: 10_000,
  });
}

export function servicesFromTables(config: AppConfig, tables: Tables): Services {
  return {
    plans: new PlanStore(tables),
    links: new LinkStore(tables),
    audit: new AuditStore(tables),
    directory: directoryFor(config),
    verifier: verifierFor(config),
    now: () => new Date(),
  };
}

/** Opens storage, creates the tables when missing, and wires the rest. */
export async function createServices(config: AppConfig): Promise<Services> {
  const tables = openTables(storageSettings(config));
  await ensureTables(tables);
  return servicesFromTables(config, tables);
}
