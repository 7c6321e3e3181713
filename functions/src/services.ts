import { readFileSync } from 'node:fs';
import type { TokenCredential } from '@azure/identity';
import type { JSONWebKeySet } from 'jose';
import { devVerifier, entraVerifier, type TokenVerifier } from './auth';
import type { AppConfig } from './config';
import {
  FileDirectory,
  DIRECTORY_FRESHNESS_MS,
  GraphDirectory,
  GraphMeetingMembers,
  type ClientCredential,
  type Directory,
  type MeetingMembers,
} from './directory';
import {
  ActivityFeedSender,
  DisabledLiveUpdates,
  WebPubSubLiveUpdates,
  type LiveUpdates,
  type NudgeSender,
} from './notify';
import {
  AuditStore,
  LinkStore,
  NudgeStore,
  PlanStore,
  ensureTables,
  openTables,
  type StorageSettings,
  type Tables,
} from './store';

/** What handlers work with, built once per process from the configuration. */
export interface Services {
  plans: PlanStore;
  links: LinkStore;
  audit: AuditStore;
  directory: Directory;
  verifier: TokenVerifier;
  now: () => Date;
  /** The nudges index and the nudges already sent. */
  nudges: NudgeStore;
  /** Sends nudges to the activity feed; null when nudges are off. */
  sender: NudgeSender | null;
  /** Who is in a meeting chat (Graph, with the app's identity); null when the app has no Graph settings. */
  meetingMembers: MeetingMembers | null;
  /** Tells the people who have a conversation open that it changed (Web PubSub), or does nothing when off. */
  live: LiveUpdates;
}

/** The app's Azure credential: made on the first call, shared by every later one (see `lazyCredential`). */
type CredentialSource = () => Promise<TokenCredential>;

/**
 * The app's Azure identity: in Azure its user-assigned managed identity, picked by client id (a
 * Function App may hold several identities, so it is always named); elsewhere the developer's own
 * sign-in. `@azure/identity` is loaded here, when a credential is first needed, not when the app
 * starts: a local run (Azurite, org chart file) never loads it.
 */
async function azureCredential(config: AppConfig): Promise<TokenCredential> {
  const { DefaultAzureCredential, ManagedIdentityCredential } = await import('@azure/identity');
  return config.identity.kind === 'managedIdentity'
    ? new ManagedIdentityCredential({ clientId: config.identity.clientId })
    : new DefaultAzureCredential();
}

async function storageSettings(config: AppConfig, credential: CredentialSource): Promise<StorageSettings> {
  return config.storage.kind === 'endpoint'
    ? { kind: 'endpoint', endpoint: config.storage.endpoint, credential: await credential() }
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

/**
 * How the app proves itself to Entra ID for Graph: a secret, or — the app registration trusts the
 * user-assigned managed identity (a federated credential) — the identity's token for the token
 * exchange audience, standing in for a secret.
 */
function clientCredential(
  setting: { kind: 'managedIdentity' } | { kind: 'secret'; secret: string },
  credential: CredentialSource,
): ClientCredential {
  if (setting.kind === 'secret') return setting;
  return {
    kind: 'assertion',
    getAssertion: async () => {
      const assertion = await (await credential()).getToken('api://AzureADTokenExchange/.default');
      if (!assertion) throw new Error('The managed identity gave no token for the token exchange.');
      return assertion.token;
    },
  };
}

function senderFor(config: AppConfig, credential: CredentialSource): NudgeSender | null {
  const settings = config.nudges;
  if (settings.mode === 'off') return null;
  return new ActivityFeedSender({
    clientId: settings.clientId,
    credential: clientCredential(settings.credential, credential),
    authorityHost: settings.authorityHost,
    graphBaseUrl: settings.graphBaseUrl,
    manifestAppId: settings.manifestAppId,
    catalogAppId: settings.catalogAppId,
    maxRetryWaitMs: 30_000,
  });
}

/** How long the side panel waits for a meeting chat's members before it opens without a suggestion. */
export const MEETING_MEMBERS_TIMEOUT_MS = 1_500;

/** The meeting chat's members come from Graph with the app's own identity, as the nudges are sent. */
function meetingMembersFor(config: AppConfig, credential: CredentialSource): MeetingMembers | null {
  const settings = config.nudges;
  if (settings.mode === 'off') return null;
  return new GraphMeetingMembers({
    clientId: settings.clientId,
    credential: clientCredential(settings.credential, credential),
    authorityHost: settings.authorityHost,
    graphBaseUrl: settings.graphBaseUrl,
    timeoutMs: MEETING_MEMBERS_TIMEOUT_MS,
  });
}

function directoryFor(config: AppConfig, credential: CredentialSource): Directory {
  const settings = config.directory;
  if (settings.mode === 'file') return new FileDirectory(settings.orgChartFile);
  const clientId = config.auth.mode === 'entra' ? config.auth.clientId : '';
  return new GraphDirectory({
    clientId,
    credential: clientCredential(settings.credential, credential),
    authorityHost: settings.authorityHost,
    graphBaseUrl: settings.graphBaseUrl,
    cacheTtlMs: DIRECTORY_FRESHNESS_MS,
    maxRetryWaitMs: 10_000,
  });
}

/** Web PubSub as the managed identity in Azure, or with the key of a local connection string; off without either. */
function liveUpdatesFor(config: AppConfig, credential: CredentialSource): LiveUpdates {
  const settings = config.live;
  if (settings.mode === 'off') return new DisabledLiveUpdates();
  const { service, hub, groupKey } = settings;
  return new WebPubSubLiveUpdates({
    service: service.kind === 'endpoint' ? { ...service, credential } : service,
    hub,
    groupKey,
  });
}

/** One credential per process, made when first needed (a local run with Azurite and a file org chart needs none). */
function lazyCredential(config: AppConfig): CredentialSource {
  let credential: Promise<TokenCredential> | undefined;
  return () =>
    (credential ??= azureCredential(config).catch((error: unknown) => {
      credential = undefined;
      throw error;
    }));
}

export function servicesFromTables(
  config: AppConfig,
  tables: Tables,
  credential: CredentialSource = lazyCredential(config),
): Services {
  return {
    plans: new PlanStore(tables),
    links: new LinkStore(tables),
    audit: new AuditStore(tables),
    directory: directoryFor(config, credential),
    verifier: verifierFor(config),
    now: () => new Date(),
    nudges: new NudgeStore(tables),
    sender: senderFor(config, credential),
    meetingMembers: meetingMembersFor(config, credential),
    live: liveUpdatesFor(config, credential),
  };
}

/** Opens storage, creates the tables when missing, and wires the rest. */
export async function createServices(config: AppConfig): Promise<Services> {
  const credential = lazyCredential(config);
  const tables = openTables(await storageSettings(config, credential));
  await ensureTables(tables);
  return servicesFromTables(config, tables, credential);
}
