import { existsSync, writeFileSync } from 'node:fs';
import { loadConfig } from '../src/config';
import { readOrgChart } from '../src/directory';
import { runNudges } from '../src/functions/nudges-run';
import { GraphMeetingMembers } from '../src/directory';
import { ActivityFeedSender } from '../src/notify';
import { MEETING_MEMBERS_TIMEOUT_MS, createServices } from '../src/services';
import { startAzurite } from './azurite';
import { buildTabPreview } from './build-tab';
import { dataPaths, devEnvironment, orgChartFile } from './dev-env';
import { devSite, type LocalChats, type LocalNudges } from './dev-site';
import { startEntraGraphStandIn } from './graph-stand-in';
import { ORG_CATALOG_APP_ID, PREVIEW_MANIFEST_APP_ID } from '../../tab/preview/org-catalog';
import { loadOrCreateDevKeys } from './dev-identity';
import { startLocalHost, type LocalHost } from './local-host';
import { isSeeded, seedDemo } from './seed';
import { startWebPubSubStandIn } from './web-pubsub-stand-in';

const port = Number(process.env.PORT ?? 7071);
const paths = dataPaths();
const orgChart = orgChartFile();

process.stdout.write('Building the tab… ');
const siteDir = await buildTabPreview();
process.stdout.write('done.\n');
const azurite = await startAzurite({ dataDir: paths.azurite });
const keys = await loadOrCreateDevKeys(paths.devKeys, paths.devJwks);
// Live updates through a local stand-in of Azure Web PubSub: the API publishes to it, the tab listens to it.
const live = await startWebPubSubStandIn();
const config = loadConfig({
  ...process.env,
  ...devEnvironment({
    connectionString: azurite.connectionString,
    jwksFile: paths.devJwks,
    orgChart,
    liveConnectionString: live.connectionString,
  }),
});
const services = await createServices(config);
const chart = readOrgChart(orgChart);
// Seeded once per data folder: deleting a plan later (as people may) must not bring the demo back.
if (!existsSync(paths.seededMarker)) {
  if (!(await isSeeded(services, chart))) {
    process.stdout.write('First start: seeding the demo organisation… ');
    await seedDemo(services, chart, keys);
    process.stdout.write('done.\n');
  }
  writeFileSync(paths.seededMarker, `${new Date().toISOString()}\n`);
}
// Nudges go to a local stand-in of Microsoft Graph; the preview shows what each person received.
const graph = await startEntraGraphStandIn(
  chart.tenants.flatMap((tenant) => tenant.people.map(({ id, displayName }) => ({ id, displayName }))),
);
// The app as an admin uploaded it: the org catalog knows it by an id of its own, which the links take.
graph.appCatalog.set(PREVIEW_MANIFEST_APP_ID, ORG_CATALOG_APP_ID);
const sender = new ActivityFeedSender({
  clientId: '00000000-0000-4000-8000-000000000001',
  credential: { kind: 'secret', secret: 'local-stand-in' },
  authorityHost: 'https://login.microsoftonline.com',
  graphBaseUrl: `${graph.url}/v1.0`,
  // The preview build's manifest id; the stand-in's org catalog knows the app by another, as a tenant's
  // Teams would, and the links take that one.
  manifestAppId: PREVIEW_MANIFEST_APP_ID,
  maxRetryWaitMs: 5_000,
  networkClient: graph.networkClient,
});
// The side panel's suggested partner: the meeting chat's members, from the same stand-in (the preview declares them).
const meetingMembers = new GraphMeetingMembers({
  clientId: '00000000-0000-4000-8000-000000000001',
  credential: { kind: 'secret', secret: 'local-stand-in' },
  authorityHost: 'https://login.microsoftonline.com',
  graphBaseUrl: `${graph.url}/v1.0`,
  timeoutMs: MEETING_MEMBERS_TIMEOUT_MS,
  networkClient: graph.networkClient,
});
const chats: LocalChats = {
  setMembers: (chatId, userIds) => {
    graph.chatMembers.set(chatId, userIds);
  },
};
const nudges: LocalNudges = {
  run: (at) => runNudges({ ...services, now: () => at }, sender, config.auth.allowedTenants),
  received: (userId) => graph.activityFeed.get(userId) ?? [],
};
let host: LocalHost | undefined;
try {
  host = await startLocalHost({
    services: { ...services, meetingMembers },
    port,
    fallback: devSite({ siteDir, keys, chart, nudges, chats, liveOrigin: live.clientOrigin }),
  });
} catch (error) {
  await live.close();
  await azurite.close();
  const code = (error as { code?: string }).code;
  console.error(
    code === 'EADDRINUSE' ? `Port ${port} is in use. Stop the other process or set PORT=<free port>.` : error,
  );
  process.exit(1);
}

const people = chart.tenants.flatMap((tenant) => tenant.people);
const origin = `http://localhost:${host.port}`;
const api = `${origin}/api`;
console.log(`
Career Conversations runs locally.
  Preview    ${origin}/preview.html   (the tab inside a Teams host emulator: both people of a 1:1 side by side)
  API        ${api}   (Azurite tables under ${paths.azurite})
  Demo users ${people.map((entry) => entry.shortName).join(', ')}
  Live       ${live.url}   (a stand-in of Azure Web PubSub: each change reaches the other person's tab at once)
  Nudges     npm run nudges [-- --at 2026-12-07T06:00:00Z]   (the daily run now; the preview shows what each person received)
  Try        TOKEN=$(npm run -s token -- morgan)
             curl -H "Authorization: Bearer $TOKEN" ${api}/team
Press Ctrl-C to stop.`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await host?.close();
  await graph.close();
  await live.close();
  await azurite.close();
  console.log('Stopped. Your data stays in', paths.dataDir);
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
