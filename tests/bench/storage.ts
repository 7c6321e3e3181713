import { inProcessApi } from '../../functions/dev/in-process-api';
import { AgendaItemResultSchema, ConversationViewSchema } from '../../functions/src/contract';
import { planPartition } from '../../functions/src/store';
import { benchOrgChart, startBenchStack, type BenchPerson, type BenchStack } from './stack';

/** Storage round trips per operation, how they grow, and our latency over the storage floor. */

const DAY = 24 * 3600 * 1000;

async function http(
  stack: BenchStack,
  token: string,
  method: string,
  path: string,
  options: { body?: unknown; ifMatch?: string } = {},
) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.ifMatch) headers['if-match'] = options.ifMatch;
  const response = await fetch(`${stack.url}/api/${path}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? (JSON.parse(text) as unknown) : null;
}

/**
 * Gives `employee` a history of `count` job-development conversations agreed with `manager`, through the API's
 * own handlers.
 */
async function seedHistory(
  stack: BenchStack,
  employee: BenchPerson,
  manager: BenchPerson,
  count: number,
): Promise<void> {
  let clock = new Date(Date.now() - (count + 1) * DAY);
  const api = inProcessApi({ ...stack.services, now: () => clock });
  const token = await stack.token(employee);
  const managerToken = await stack.token(manager);
  const params = { employeeId: employee.id };
  for (let index = 0; index < count; index += 1) {
    clock = new Date(clock.getTime() + DAY);
    const started = await api('conversations-post', { token, params, body: { type: 'job' } });
    const view = ConversationViewSchema.parse(started.body);
    const inTalk = { ...params, conversationId: view.conversation.id };
    // Earlier open actions are reviewed and proposed done, as a team that keeps its plans would; the review
    // takes effect when both agree this conversation.
    let etag = view.conversation.etag;
    for (const item of view.conversation.agenda.filter((entry) => entry.carriedAction)) {
      const proposed = await api('agenda-item-patch', {
        token: managerToken,
        params: { ...inTalk, itemId: item.id },
        headers: { 'if-match': etag },
        body: { proposal: 'done' },
      });
      if (proposed.status !== 200) throw new Error(`Seeding failed: a proposal answered ${proposed.status}.`);
      etag = AgendaItemResultSchema.parse(proposed.body).conversationEtag;
    }
    for (const title of ['Lead the release', 'Pair on reviews']) {
      await api('actions-post', {
        token,
        params: inTalk,
        body: { title, owner: 'employee', learningKind: 'onTheJob' },
      });
    }
    // Both confirm the revision they read; the second confirmation agrees.
    const current = ConversationViewSchema.parse((await api('conversation-get', { token, params: inTalk })).body);
    for (const who of [token, managerToken]) {
      const confirmed = await api('conversation-agree', {
        token: who,
        params: inTalk,
        body: { revision: current.conversation.revision },
      });
      if (confirmed.status !== 200) throw new Error(`Seeding failed: a confirmation answered ${confirmed.status}.`);
    }
  }
}

export interface RoundTrip {
  operation: string;
  requests: number;
  target: string;
}

async function roundTrips(
  stack: BenchStack,
  employee: BenchPerson,
  manager: BenchPerson,
  managers: Record<1 | 10 | 50, BenchPerson>,
): Promise<RoundTrip[]> {
  const token = await stack.token(employee);
  const managerToken = await stack.token(manager);
  const meetingId = `bench-meeting-${employee.shortName}`;
  const started = ConversationViewSchema.parse(
    await http(stack, token, 'POST', `plans/${employee.id}/conversations`, { body: { type: 'job', meetingId } }),
  );
  const path = `plans/${employee.id}/conversations/${started.conversation.id}`;
  const { counter } = stack;
  const rows: RoundTrip[] = [];
  const resolve = await counter.measure(() =>
    http(stack, token, 'GET', `meetings/resolve?meetingId=${meetingId}&chatId=bench-chat`),
  );
  const view = await counter.measure(() => http(stack, token, 'GET', path));
  rows.push({
    operation: 'open the side panel (resolve the meeting + the conversation with carried actions)',
    requests: resolve.requests + view.requests,
    target: '≤ 3',
  });
  const current = ConversationViewSchema.parse(view.result);
  const tick = await counter.measure(() =>
    http(stack, token, 'PATCH', `${path}/agenda/goals.objectives`, {
      body: { discussed: true },
      ifMatch: current.conversation.etag,
    }),
  );
  rows.push({ operation: 'tick an agenda item', requests: tick.requests, target: '1' });
  const add = await counter.measure(() =>
    http(stack, token, 'POST', `${path}/actions`, {
      body: { title: 'Bench action', owner: 'employee', learningKind: 'formal' },
    }),
  );
  rows.push({ operation: 'add an action', requests: add.requests, target: '1' });
  const latest = ConversationViewSchema.parse(await http(stack, token, 'GET', path));
  const revision = latest.conversation.revision;
  const confirm = await counter.measure(() => http(stack, token, 'POST', `${path}/agree`, { body: { revision } }));
  rows.push({
    operation: 'agree, first person (a confirmation: one entity group transaction inside)',
    requests: confirm.requests,
    target: '1 transaction',
  });
  const agree = await counter.measure(() => http(stack, managerToken, 'POST', `${path}/agree`, { body: { revision } }));
  rows.push({
    operation:
      'agree, second person (the record, its actions, review and counters: one entity group transaction inside)',
    requests: agree.requests,
    target: '1 transaction',
  });
  const history = await counter.measure(() =>
    http(stack, token, 'GET', `plans/${employee.id}/conversations?pageSize=10`),
  );
  rows.push({ operation: 'a page of history (10 conversations)', requests: history.requests, target: '1 query' });
  for (const size of [1, 10, 50] as const) {
    const overview = await counter.measure(async () => http(stack, await stack.token(managers[size]), 'GET', 'team'));
    rows.push({
      operation: `the manager overview, ${size} report${size === 1 ? '' : 's'}`,
      requests: overview.requests,
      target: '1 parallel round',
    });
  }
  return rows;
}

interface Latency {
  p50: number;
  p95: number;
  p99: number;
  rps: number;
}

/** `connections` concurrent loops for `seconds`; latencies in milliseconds. */
async function load(seconds: number, connections: number, work: () => Promise<unknown>): Promise<Latency> {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const started = performance.now();
        await work();
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Number(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(2));
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), rps: Math.round(latencies.length / seconds) };
}

export async function benchStorage(options: { seconds: number; connections: number }) {
  const { chart, managers, reportsOf50 } = benchOrgChart();
  const stack = await startBenchStack(chart);
  try {
    const growth: { history: number; sidePanel: number; historyPage: number }[] = [];
    const [small, medium, large] = reportsOf50 as [BenchPerson, BenchPerson, BenchPerson];
    let main: RoundTrip[] = [];
    for (const [employee, size] of [
      [small, 10],
      [medium, 100],
      [large, 1000],
    ] as const) {
      await seedHistory(stack, employee, managers[50], size);
      const rows = await roundTrips(stack, employee, managers[50], managers);
      if (size === 10) main = rows;
      const find = (prefix: string) => rows.find((row) => row.operation.startsWith(prefix))!.requests;
      growth.push({ history: size, sidePanel: find('open the side panel'), historyPage: find('a page of history') });
    }

    // Latency under load, next to the same storage calls made directly with the SDK in the same run.
    const employee = small;
    const token = await stack.token(employee);
    const managerToken = await stack.token(managers[50]);
    const page = (await http(stack, token, 'GET', `plans/${employee.id}/conversations?pageSize=10`)) as {
      items: { conversation: { id: string } }[];
    };
    const conversationId = page.items[0]!.conversation.id;
    const partition = planPartition(chart.tenants[0]!.tenantId, employee.id);
    const { plans } = stack.services;
    const reports = chart.tenants[0]!.people.filter((person) => person.managerId === managers[50].id);
    // The overview fans out to 50 point reads per call; fewer callers keep Azurite (one thread) out of saturation.
    const operations = [
      {
        name: 'conversation view (side panel poll)',
        connections: options.connections,
        api: () => http(stack, token, 'GET', `plans/${employee.id}/conversations/${conversationId}`),
        floor: async () => {
          const bundle = await plans.readConversationWithActions(partition, conversationId, employee.id);
          await plans.readActionsFrom(
            partition,
            bundle!.conversation.value.agenda.flatMap((item) => (item.carriedAction ? [item.carriedAction] : [])),
          );
        },
      },
      {
        name: 'history page',
        connections: options.connections,
        api: () => http(stack, token, 'GET', `plans/${employee.id}/conversations?pageSize=10`),
        floor: () => plans.readHistoryPage(partition, { pageSize: 10 }),
      },
      {
        name: 'manager overview, 50 reports',
        connections: Math.max(1, Math.floor(options.connections / 8)),
        api: () => http(stack, managerToken, 'GET', 'team'),
        floor: () =>
          Promise.all(reports.map((report) => plans.readSummary(planPartition(chart.tenants[0]!.tenantId, report.id)))),
      },
    ];
    const latency = [];
    for (const operation of operations) {
      const api = await load(options.seconds, operation.connections, operation.api);
      const floor = await load(options.seconds, operation.connections, operation.floor);
      latency.push({
        operation: `${operation.name} (${operation.connections} callers)`,
        api,
        floor,
        ratio: Number((api.p50 / floor.p50).toFixed(2)),
      });
    }
    const rssMiB = Math.round(process.memoryUsage().rss / 2 ** 20);
    return { roundTrips: main, growth, latency, rssMiB };
  } finally {
    await stack.close();
  }
}
