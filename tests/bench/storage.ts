import type { TableClient, TableEntity, TransactionAction } from '@azure/data-tables';
import { inProcessApi } from '../../functions/dev/in-process-api';
import { AgendaItemResultSchema, ConversationViewSchema, type ConversationView } from '../../functions/src/contract';
import { routes } from '../../functions/src/routes';
import { planPartition } from '../../functions/src/store';
import {
  benchOrgChart,
  startBenchStack,
  type BenchPerson,
  type BenchStack,
  type StorageMeasure,
  type StorageRequestKind,
} from './stack';

/** Storage round trips per operation, how they grow, and our latency over the storage floor. */

const DAY = 24 * 3600 * 1000;

interface HttpAnswer {
  status: number;
  etag: string | null;
  body: unknown;
}

/** One API call over real HTTP; anything but 2xx (or a status in `allow`) throws. */
async function call(
  stack: BenchStack,
  token: string,
  method: string,
  path: string,
  options: { body?: unknown; ifMatch?: string; ifNoneMatch?: string; allow?: number[] } = {},
): Promise<HttpAnswer> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.ifMatch) headers['if-match'] = options.ifMatch;
  if (options.ifNoneMatch) headers['if-none-match'] = options.ifNoneMatch;
  const response = await fetch(`${stack.url}/api/${path}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  if (!response.ok && !options.allow?.includes(response.status))
    throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return {
    status: response.status,
    etag: response.headers.get('etag'),
    body: text && response.status !== 304 ? (JSON.parse(text) as unknown) : null,
  };
}

async function http(
  stack: BenchStack,
  token: string,
  method: string,
  path: string,
  options: { body?: unknown; ifMatch?: string } = {},
): Promise<unknown> {
  return (await call(stack, token, method, path, options)).body;
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
  /** A stable name for the operation, for results.json readers. */
  key: string;
  operation: string;
  requests: number;
  /** Sequential rounds among those requests. */
  rounds: number;
  /** Point reads, queries, transactions… */
  kinds: Partial<Record<StorageRequestKind, number>>;
  /** Of the requests, those to the nudges index rather than the plan. */
  nudgesIndex: number;
  target: string;
  /** The HTTP status the operation answered, where it is not simply 200/201. */
  status?: number;
}

const row = (
  key: string,
  operation: string,
  target: string,
  measured: StorageMeasure<unknown>,
  extra: Partial<RoundTrip> = {},
): RoundTrip => ({
  key,
  operation,
  requests: measured.requests,
  rounds: measured.rounds,
  kinds: measured.kinds,
  nudgesIndex: measured.nudgesIndex,
  target,
  ...extra,
});

/** The first agenda item a person can tick (not an action carried from last time). */
function tickableItem(view: ConversationView): string {
  const item = view.conversation.agenda.find((entry) => !entry.carriedAction);
  if (!item) throw new Error('The conversation has no agenda item to tick.');
  return item.id;
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
  // What the panel shows before each edit (not counted): each edit carries the ETag it was read with.
  const read = async (who = token) => ConversationViewSchema.parse(await http(stack, who, 'GET', path));
  const { counter } = stack;
  const rows: RoundTrip[] = [];
  // What the side panel reads to open: the panel route when the API has one (the meeting, who I am and the
  // conversation in one answer), else the meeting's resolution and then the conversation, as the tab did before it.
  const query = `meetingId=${meetingId}&chatId=bench-chat`;
  if (routes.some((route) => route.route === 'meetings/panel' && route.methods.includes('GET'))) {
    const panel = await counter.measure(() => http(stack, token, 'GET', `meetings/panel?${query}`));
    rows.push(
      row(
        'openSidePanel',
        'open the side panel (GET meetings/panel: meeting, viewer, conversation)',
        '≤ 3 in ≤ 2 rounds',
        panel,
      ),
    );
  } else {
    const resolve = await counter.measure(() => http(stack, token, 'GET', `meetings/resolve?${query}`));
    const view = await counter.measure(() => http(stack, token, 'GET', path));
    rows.push({
      key: 'openSidePanel',
      operation: 'open the side panel (resolve the meeting + the conversation with carried actions)',
      requests: resolve.requests + view.requests,
      rounds: resolve.rounds + view.rounds,
      kinds: mergeKinds(resolve.kinds, view.kinds),
      nudgesIndex: resolve.nudgesIndex + view.nudgesIndex,
      target: '≤ 3',
    });
  }
  const view = await call(stack, token, 'GET', path);
  const poll = await counter.measure(() =>
    call(stack, token, 'GET', path, { ifNoneMatch: view.etag ?? '', allow: [304] }),
  );
  rows.push(
    row('unchangedPoll', 'an unchanged poll (the view again with If-None-Match: its ETag)', '1 point read', poll, {
      status: poll.result.status,
    }),
  );

  let current = await read();
  const itemId = tickableItem(current);
  const tick = await counter.measure(() =>
    http(stack, token, 'PATCH', `${path}/agenda/${encodeURIComponent(itemId)}`, {
      body: { discussed: true },
      ifMatch: current.conversation.etag,
    }),
  );
  rows.push(row('tick', 'tick an agenda item', '1', tick));
  current = await read();
  const note = await counter.measure(() =>
    http(stack, token, 'PATCH', `${path}/agenda/${encodeURIComponent(itemId)}`, {
      body: { note: 'Bench: what we said about it' },
      ifMatch: current.conversation.etag,
    }),
  );
  rows.push(row('note', 'write a note under an agenda item', '1', note));
  current = await read();
  const add = await counter.measure(() =>
    http(stack, token, 'POST', `${path}/actions`, {
      body: { title: 'Bench action', owner: 'employee', learningKind: 'formal' },
      ifMatch: current.conversation.etag,
    }),
  );
  rows.push(row('addAction', 'add an action', '1', add));
  current = await read();
  const added = current.actions.find((action) => action.title === 'Bench action');
  if (!added) throw new Error('The added action is not in the conversation.');
  const edit = await counter.measure(() =>
    http(stack, token, 'PATCH', `${path}/actions/${added.id}`, {
      body: { title: 'Bench action, reworded' },
      ifMatch: added.etag,
    }),
  );
  rows.push(row('editAction', 'edit an action', '1', edit));
  current = await read();
  const confirm = await counter.measure(() =>
    http(stack, token, 'POST', `${path}/agree`, { body: { revision: current.conversation.revision } }),
  );
  rows.push(
    row(
      'confirm',
      'agree, first person (a confirmation: one entity group transaction inside)',
      'plan ≤ 3 and the nudges-index mark, in ≤ 2 rounds',
      confirm,
    ),
  );
  const seen = await read(managerToken);
  const agree = await counter.measure(() =>
    http(stack, managerToken, 'POST', `${path}/agree`, { body: { revision: seen.conversation.revision } }),
  );
  rows.push(
    row(
      'agree',
      'agree, second person (the record, its actions, review and counters: one entity group transaction inside)',
      'plan ≤ 3 and the nudges-index mark, in ≤ 2 rounds',
      agree,
    ),
  );
  const history = await counter.measure(() =>
    http(stack, token, 'GET', `plans/${employee.id}/conversations?pageSize=10`),
  );
  rows.push(row('historyPage', 'a page of history (10 conversations)', '1 query', history));
  for (const size of [1, 10, 50] as const) {
    // The first look at a team starts the plans of reports seen for the first time (once per report): the
    // steady state, a manager's weekly look, is what is counted.
    await http(stack, await stack.token(managers[size]), 'GET', 'team');
    const overview = await counter.measure(async () => http(stack, await stack.token(managers[size]), 'GET', 'team'));
    rows.push(
      row(
        `overview${size}`,
        `the manager overview, ${size} report${size === 1 ? '' : 's'}`,
        '1 parallel round',
        overview,
      ),
    );
  }
  return rows;
}

function mergeKinds(
  ...all: Partial<Record<StorageRequestKind, number>>[]
): Partial<Record<StorageRequestKind, number>> {
  const merged: Partial<Record<StorageRequestKind, number>> = {};
  for (const kinds of all)
    for (const [kind, count] of Object.entries(kinds) as [StorageRequestKind, number][])
      merged[kind] = (merged[kind] ?? 0) + count;
  return merged;
}

interface Latency {
  p50: number;
  p95: number;
  p99: number;
  rps: number;
}

/** `connections` concurrent loops for `seconds`; latencies in milliseconds. Each loop knows its number. */
async function load(
  seconds: number,
  connections: number,
  work: (caller: number) => Promise<unknown>,
): Promise<Latency> {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async (_, caller) => {
      while (performance.now() < end) {
        const started = performance.now();
        await work(caller);
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Number(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(2));
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), rps: Math.round(latencies.length / seconds) };
}

const ratio = (api: number, floor: number) => Number((api / floor).toFixed(2));

function latencyRow(operation: string, api: Latency, floor: Latency, extra: { errors?: number } = {}) {
  return { operation, api, floor, ratio: ratio(api.p50, floor.p50), p95Ratio: ratio(api.p95, floor.p95), ...extra };
}

/** The ETag a write answered: its header, else the conversation's ETag in its body. */
function etagOf(answer: HttpAnswer): string | null {
  if (answer.etag) return answer.etag;
  const body = answer.body;
  if (typeof body !== 'object' || body === null) return null;
  if ('conversationEtag' in body && typeof body.conversationEtag === 'string') return body.conversationEtag;
  return null;
}

/**
 * Repeats one captured entity group transaction directly with the SDK: updates carry the ETag the
 * previous repetition left, creates get a fresh row key each time. This is the floor of a write: the
 * storage work the app's own transaction does, without the API around it or any read before it.
 */
function repeatable(plans: TableClient, captured: TransactionAction[]) {
  const etags = new Map<string, string>();
  const keyOf = (entity: TableEntity) => `${entity.partitionKey}\u0000${entity.rowKey}`;
  let round = 0;
  return {
    /** Reads the ETags the updates must match now (not timed). */
    async prepare() {
      for (const action of captured) {
        if (action[0] !== 'update') continue;
        const stored = await plans.getEntity(action[1].partitionKey, action[1].rowKey);
        etags.set(keyOf(action[1]), stored.etag);
      }
    },
    async run() {
      round += 1;
      const actions = captured.map((action): TransactionAction => {
        switch (action[0]) {
          case 'create':
            return ['create', { ...action[1], rowKey: `${action[1].rowKey}-bench${round}` }];
          case 'delete':
            throw new Error('The measured write deletes a row; its floor cannot repeat that.');
          case 'upsert':
            return action;
          case 'update': {
            const etag = etags.get(keyOf(action[1]));
            return ['update', action[1], action[2] ?? 'Merge', { ...action[3], ...(etag ? { etag } : {}) }];
          }
        }
      });
      const result = await plans.submitTransaction(actions);
      actions.forEach((action, index) => {
        const etag = result.subResponses[index]?.etag;
        if (action[0] === 'update' && etag) etags.set(keyOf(action[1]), etag);
      });
    },
  };
}

/**
 * A write under load: each caller ticks and unticks an agenda item of a conversation of their own
 * (so callers never collide on an ETag), next to the same transaction made directly with the SDK.
 */
export async function writeLatency(
  stack: BenchStack,
  people: BenchPerson[],
  options: { seconds: number; connections: number },
) {
  const writers: {
    token: string;
    path: string;
    params: Record<string, string>;
    itemId: string;
    etag: string;
    discussed: boolean;
  }[] = [];
  for (const person of people.slice(0, Math.max(1, options.connections))) {
    const token = await stack.token(person);
    const view = ConversationViewSchema.parse(
      await http(stack, token, 'POST', `plans/${person.id}/conversations`, { body: { type: 'job' } }),
    );
    const path = `plans/${person.id}/conversations/${view.conversation.id}`;
    const itemId = tickableItem(view);
    const item = view.conversation.agenda.find((entry) => entry.id === itemId);
    const params = { employeeId: person.id, conversationId: view.conversation.id, itemId };
    writers.push({ token, path, params, itemId, etag: view.conversation.etag, discussed: item?.discussed ?? false });
  }
  let errors = 0;
  const tick = async (caller: number) => {
    const writer = writers[caller]!;
    writer.discussed = !writer.discussed;
    const answer = await call(
      stack,
      writer.token,
      'PATCH',
      `${writer.path}/agenda/${encodeURIComponent(writer.itemId)}`,
      {
        body: { discussed: writer.discussed },
        ifMatch: writer.etag,
        allow: [412],
      },
    );
    const etag = answer.status === 412 ? null : etagOf(answer);
    if (etag) writer.etag = etag;
    else {
      // Not expected (nobody else writes this conversation): read it again and go on.
      errors += 1;
      const view = ConversationViewSchema.parse(await http(stack, writer.token, 'GET', writer.path));
      writer.etag = view.conversation.etag;
      writer.discussed = view.conversation.agenda.find((entry) => entry.id === writer.itemId)?.discussed ?? false;
    }
  };
  const api = await load(options.seconds, writers.length, tick);
  // The same ticks through the same handler wrapper in this process, without the HTTP client and server: what
  // the app itself adds to its storage work, apart from an HTTP hop that shares this one thread with Azurite.
  const inProcess = inProcessApi(stack.services);
  const handlerOnly = await load(options.seconds, writers.length, async (caller) => {
    const writer = writers[caller]!;
    writer.discussed = !writer.discussed;
    const answer = await inProcess('agenda-item-patch', {
      token: writer.token,
      params: writer.params,
      body: { discussed: writer.discussed },
      headers: { 'if-match': writer.etag },
    });
    if (answer.status !== 200) throw new Error(`An in-process tick answered ${answer.status}.`);
    writer.etag = AgendaItemResultSchema.parse(answer.body).conversationEtag;
  });
  // One more tick each, to capture the transaction the app submits for it; then the floor repeats it.
  const floors: ReturnType<typeof repeatable>[] = [];
  for (const [caller] of writers.entries()) {
    stack.transactions.last = null;
    await tick(caller);
    const captured = stack.transactions.last as TransactionAction[] | null;
    if (!captured) throw new Error('A tick submitted no transaction.');
    const floor = repeatable(stack.tables.plans, captured);
    await floor.prepare();
    floors.push(floor);
  }
  const floor = await load(options.seconds, writers.length, (caller) => floors[caller]!.run());
  return [
    latencyRow(
      `a write: tick an agenda item (${writers.length} callers, each on a conversation of their own)`,
      api,
      floor,
      { errors },
    ),
    latencyRow(
      `a write in process, the handler without HTTP: tick an agenda item (${writers.length} callers)`,
      handlerOnly,
      floor,
    ),
  ];
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
        // A poll whose validator is out of date (someone changed the conversation): answered 200.
        api: () =>
          call(stack, token, 'GET', `plans/${employee.id}/conversations/${conversationId}`, { ifNoneMatch: 'W/"old"' }),
        // Its storage work: the clock's point read (no 304), then the view's one query.
        floor: async () => {
          await plans.readClock(partition);
          // The store reads the carried actions in the same query once it has seen the conversation.
          await plans.readConversationView(partition, conversationId, employee.id);
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
      latency.push(latencyRow(`${operation.name} (${operation.connections} callers)`, api, floor));
    }
    latency.push(...(await writeLatency(stack, reportsOf50.slice(3), options)));
    const rssMiB = Math.round(process.memoryUsage().rss / 2 ** 20);
    return { roundTrips: main, growth, latency, rssMiB };
  } finally {
    await stack.close();
  }
}
