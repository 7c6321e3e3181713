import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAzurite } from '../../functions/dev/azurite';
import { devEnvironment } from '../../functions/dev/dev-env';
import { loadOrCreateDevKeys, mintDevToken, type DevKeys, type DevTokenClaims } from '../../functions/dev/dev-identity';
import { devSite, type LocalChats, type LocalNudges } from '../../functions/dev/dev-site';
import { startEntraGraphStandIn, type StandIn } from '../../functions/dev/graph-stand-in';
import { startLocalHost } from '../../functions/dev/local-host';
import { startWebPubSubStandIn, type WebPubSubStandIn } from '../../functions/dev/web-pubsub-stand-in';
import { loadConfig } from '../../functions/src/config';
import { GraphMeetingMembers, type OrgChart } from '../../functions/src/directory';
import { runNudges } from '../../functions/src/functions/nudges-run';
import { ActivityFeedSender } from '../../functions/src/notify';
import { MEETING_MEMBERS_TIMEOUT_MS, createServices, type Services } from '../../functions/src/services';
import { openTables, type Tables } from '../../functions/src/store';
import { ORG_CATALOG_APP_ID, PREVIEW_MANIFEST_APP_ID } from '../../tab/preview/org-catalog';
import { startFaultyProxy, type FaultyProxy } from './faulty-proxy';
import { testOrgChart } from './org';

export interface TestStack {
  url: string;
  services: Services;
  tables: Tables;
  keys: DevKeys;
  chart: OrgChart;
  /** A person of the test organisation by short name. */
  person(shortName: string): { id: string; tenantId: string; displayName: string };
  /** A real signed dev token for that person, checked by the same verifier as production. */
  token(shortName: string, overrides?: Partial<DevTokenClaims>): Promise<string>;
  /** Changes a reporting line in the org chart file, as HR would. */
  setManager(shortName: string, managerShortName: string | null): void;
  /** With `faulty`: the proxy between the app and Azurite that injects storage failures. */
  proxy: FaultyProxy | null;
  /**
   * With the tab (or `live`): the Web PubSub stand-in the API publishes live updates to and the tab
   * listens to, as in `npm start`; null when live updates are off.
   */
  live: WebPubSubStandIn | null;
  /** Every stored entity of both tables but audit rows: to prove a refused write changed nothing of any plan. */
  snapshot(): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * Azurite in memory on a free port, a fresh dev key pair, the org chart in a temp file, the local
 * host on a free port — and, given the built tab's folder, the tab and its host emulator beside the API,
 * with live updates through the Web PubSub stand-in (`live: true` turns them on without the tab).
 */
export async function startTestStack(
  options: { siteDir?: string; faulty?: boolean; live?: boolean } = {},
): Promise<TestStack> {
  const dir = mkdtempSync(join(tmpdir(), 'career-conversations-'));
  const chart = testOrgChart();
  const orgChart = join(dir, 'org.json');
  writeFileSync(orgChart, JSON.stringify(chart));
  const azurite = await startAzurite();
  const keys = await loadOrCreateDevKeys(join(dir, 'keys.json'), join(dir, 'jwks.json'));
  const proxy = options.faulty ? await startFaultyProxy(azurite.port) : null;
  const appConnection = proxy
    ? azurite.connectionString.replace(`:${azurite.port}/`, `:${proxy.port}/`)
    : azurite.connectionString;
  const live = options.siteDir || options.live ? await startWebPubSubStandIn() : null;
  const config = loadConfig(
    devEnvironment({
      connectionString: appConnection,
      jwksFile: join(dir, 'jwks.json'),
      orgChart,
      ...(live ? { liveConnectionString: live.connectionString } : {}),
    }),
  );
  const services = await createServices(config);
  // With the tab, the dev site's nudges as `npm start` has them (functions/dev/start.ts): the daily run on
  // demand, sending to a Graph stand-in, whose activity feeds the preview shows.
  const graph = options.siteDir
    ? await startEntraGraphStandIn(
        chart.tenants.flatMap((tenant) => tenant.people.map(({ id, displayName }) => ({ id, displayName }))),
      )
    : null;
  // The app as an admin uploaded it: the org catalog knows it by an id of its own, which the links take.
  graph?.appCatalog.set(PREVIEW_MANIFEST_APP_ID, ORG_CATALOG_APP_ID);
  const nudges: LocalNudges | undefined = graph
    ? {
        run: (at) => runNudges({ ...services, now: () => at }, nudgeSender(graph), config.auth.allowedTenants),
        received: (userId) => graph.activityFeed.get(userId) ?? [],
      }
    : undefined;
  // With the tab, the meeting chats' members as well: the preview declares them, Graph's stand-in answers them.
  const chats: LocalChats | undefined = graph
    ? {
        setMembers: (chatId, userIds) => {
          graph.chatMembers.set(chatId, userIds);
        },
      }
    : undefined;
  const host = await startLocalHost({
    services: graph ? { ...services, meetingMembers: meetingMembersAt(graph) } : services,
    ...(options.siteDir
      ? {
          fallback: devSite({
            siteDir: options.siteDir,
            keys,
            chart,
            ...(nudges ? { nudges } : {}),
            ...(chats ? { chats } : {}),
            ...(live ? { liveOrigin: live.clientOrigin } : {}),
          }),
        }
      : {}),
  });
  const tables = openTables({ kind: 'connectionString', connectionString: azurite.connectionString });

  const find = (shortName: string) => {
    for (const tenant of chart.tenants) {
      const entry = tenant.people.find((candidate) => candidate.shortName === shortName);
      if (entry) return { entry, tenantId: tenant.tenantId };
    }
    throw new Error(`No test person called ${shortName}.`);
  };

  let writes = 0;
  return {
    url: host.url,
    services,
    tables,
    keys,
    chart,
    proxy,
    live,
    person(shortName) {
      const { entry, tenantId } = find(shortName);
      return { id: entry.id, tenantId, displayName: entry.displayName };
    },
    async token(shortName, overrides = {}) {
      const { entry, tenantId } = find(shortName);
      return mintDevToken(keys, { tenantId, userId: entry.id, name: entry.displayName, ...overrides });
    },
    setManager(shortName, managerShortName) {
      const { entry } = find(shortName);
      entry.managerId = managerShortName ? find(managerShortName).entry.id : null;
      // A new size as well as a new mtime, so the directory notices within the same millisecond.
      writes += 1;
      writeFileSync(orgChart, JSON.stringify(chart) + ' '.repeat(writes));
    },
    async snapshot() {
      const rows: string[] = [];
      for (const table of [tables.plans, tables.links]) {
        for await (const entity of table.listEntities()) {
          // A refusal is itself recorded in the audit trail; that record is not part of the plan.
          if (entity.kind !== 'audit') rows.push(`${entity.partitionKey}|${entity.rowKey}|${entity.etag}`);
        }
      }
      return rows.sort();
    },
    async close() {
      await host.close();
      await graph?.close();
      await live?.close();
      await proxy?.close();
      await azurite.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A meeting chat's members, read from the stand-in as production reads them from Graph. */
export function meetingMembersAt(graph: StandIn, timeoutMs = MEETING_MEMBERS_TIMEOUT_MS): GraphMeetingMembers {
  return new GraphMeetingMembers({
    clientId: '00000000-0000-4000-8000-000000000001',
    credential: { kind: 'secret', secret: 'test-stand-in' },
    authorityHost: 'https://login.microsoftonline.com',
    graphBaseUrl: `${graph.url}/v1.0`,
    timeoutMs,
    networkClient: graph.networkClient,
  });
}

/** The activity feed sender pointed at the stand-in, with the preview's manifest id (the catalog's is looked up). */
function nudgeSender(graph: StandIn): ActivityFeedSender {
  return new ActivityFeedSender({
    clientId: '00000000-0000-4000-8000-000000000001',
    credential: { kind: 'secret', secret: 'test-stand-in' },
    authorityHost: 'https://login.microsoftonline.com',
    graphBaseUrl: `${graph.url}/v1.0`,
    manifestAppId: PREVIEW_MANIFEST_APP_ID,
    maxRetryWaitMs: 5_000,
    networkClient: graph.networkClient,
  });
}
