import type { ConversationView } from '../src/contract';
import type { ActionStatus, ConversationType, LearningKind, Owner } from '../src/domain';
import type { Services } from '../src/services';
import { planPartition } from '../src/store';
import { mintDevToken, type DevKeys } from './dev-identity';
import { inProcessApi } from './in-process-api';
import type { OrgChart } from '../src/directory';

interface DemoAction {
  title: string;
  owner: Owner;
  kind?: LearningKind;
  due?: string;
  /** What became of it, and how many days after the conversation. */
  later?: { status: ActionStatus; afterDays: number };
}

interface DemoConversation {
  employee: string;
  type: ConversationType;
  daysAgo: number;
  talkingPoints?: { by: 'employee' | 'manager'; text: string }[];
  actions: DemoAction[];
}

const DAY = 24 * 60 * 60 * 1000;

/** The demo organisation's history: Ava has a year of both kinds, Ben never had a career talk, Chloe is new. */
const HISTORY: DemoConversation[] = [
  {
    employee: 'ava',
    type: 'job',
    daysAgo: 360,
    talkingPoints: [{ by: 'employee', text: 'I want to get better at designing APIs before the platform rewrite.' }],
    actions: [
      {
        title: 'Finish the API design course',
        owner: 'employee',
        kind: 'formal',
        later: { status: 'done', afterDays: 40 },
      },
      {
        title: 'Pair with Jonas on the release pipeline twice a month',
        owner: 'employee',
        kind: 'fromOthers',
        later: { status: 'done', afterDays: 90 },
      },
      {
        title: 'Review the API guidelines for the billing service',
        owner: 'employee',
        kind: 'onTheJob',
        later: { status: 'done', afterDays: 60 },
      },
      {
        title: 'Introduce Ava to the platform team lead',
        owner: 'manager',
        kind: 'fromOthers',
        later: { status: 'done', afterDays: 14 },
      },
    ],
  },
  {
    employee: 'ava',
    type: 'career',
    daysAgo: 300,
    talkingPoints: [{ by: 'employee', text: 'I am curious about product management but not sure yet.' }],
    actions: [
      {
        title: 'Read three product manager openings two levels ahead and note the skills they ask for',
        owner: 'employee',
        later: { status: 'done', afterDays: 30 },
      },
      { title: 'Have coffee with two product managers', owner: 'employee', later: { status: 'done', afterDays: 45 } },
      { title: 'Introduce Ava to Dana in product', owner: 'manager', later: { status: 'done', afterDays: 10 } },
    ],
  },
  {
    employee: 'ava',
    type: 'job',
    daysAgo: 240,
    actions: [
      {
        title: 'Lead the design of the notifications API',
        owner: 'employee',
        kind: 'onTheJob',
        later: { status: 'done', afterDays: 120 },
      },
      {
        title: 'Ask two reviewers for feedback on each design document',
        owner: 'employee',
        kind: 'fromOthers',
        later: { status: 'done', afterDays: 100 },
      },
      {
        title: 'Get the cloud architecture certification',
        owner: 'employee',
        kind: 'formal',
        later: { status: 'dropped', afterDays: 80 },
      },
      {
        title: 'Find Ava a mentor in the architecture guild',
        owner: 'manager',
        kind: 'fromOthers',
        later: { status: 'done', afterDays: 30 },
      },
    ],
  },
  {
    employee: 'ava',
    type: 'job',
    daysAgo: 150,
    actions: [
      {
        title: 'Run the API review for the search team',
        owner: 'employee',
        kind: 'onTheJob',
        later: { status: 'done', afterDays: 60 },
      },
      { title: 'Shadow the product manager in two customer interviews', owner: 'employee', kind: 'fromOthers' },
      {
        title: 'Make room in the roadmap for the customer interviews',
        owner: 'manager',
        kind: 'onTheJob',
        later: { status: 'done', afterDays: 20 },
      },
    ],
  },
  {
    employee: 'ava',
    type: 'career',
    daysAgo: 90,
    talkingPoints: [
      { by: 'employee', text: 'The customer interviews gave me a lot of energy.' },
      { by: 'manager', text: 'Your API reviews are becoming known outside the team: let us make that visible.' },
    ],
    actions: [
      { title: 'Write up what I learned from customer interviews for the guild', owner: 'employee' },
      {
        title: 'Ask Dana what a product role on the platform would need',
        owner: 'employee',
        later: { status: 'done', afterDays: 30 },
      },
      { title: 'Advocate for Ava in the platform product discussions', owner: 'manager' },
    ],
  },
  {
    employee: 'ava',
    type: 'job',
    daysAgo: 30,
    actions: [
      { title: 'Take the product discovery workshop', owner: 'employee', kind: 'formal', due: 'in60' },
      { title: 'Own the discovery for the developer portal', owner: 'employee', kind: 'onTheJob', due: 'in90' },
      { title: 'Give Ava feedback after each discovery session', owner: 'manager', kind: 'fromOthers' },
    ],
  },
  {
    employee: 'ben',
    type: 'job',
    daysAgo: 210,
    actions: [
      {
        title: 'Complete the secure coding course',
        owner: 'employee',
        kind: 'formal',
        later: { status: 'done', afterDays: 50 },
      },
      {
        title: 'Take over the on-call runbook',
        owner: 'employee',
        kind: 'onTheJob',
        later: { status: 'done', afterDays: 70 },
      },
      { title: 'Pair with Ava on code reviews', owner: 'employee', kind: 'fromOthers' },
      { title: 'Book the conference ticket for Ben', owner: 'manager', kind: 'formal' },
      { title: 'Set up a monthly feedback slot with Ben', owner: 'manager', kind: 'fromOthers' },
    ],
  },
];

function person(chart: OrgChart, shortName: string) {
  const found = chart.tenants
    .flatMap((tenant) => tenant.people.map((entry) => ({ ...entry, tenantId: tenant.tenantId })))
    .find((entry) => entry.shortName === shortName);
  if (!found) throw new Error(`The demo organisation has nobody called ${shortName}.`);
  return found;
}

/** True when the demo history is already there (a restart must not seed twice). */
export async function isSeeded(services: Services, chart: OrgChart): Promise<boolean> {
  const ava = person(chart, 'ava');
  return (await services.plans.readSummary(planPartition(ava.tenantId, ava.id))) !== null;
}

/**
 * Seeds the demo history through the API's own handlers, with the clock set back to when each
 * conversation happened, so every rule (ownership, carry-forward, counters) applies as in real use.
 */
export async function seedDemo(services: Services, chart: OrgChart, keys: DevKeys, today = new Date()): Promise<void> {
  let clock = today;
  const api = inProcessApi({ ...services, now: () => clock });
  const tokens = new Map<string, string>();
  const tokenOf = async (shortName: string) => {
    const entry = person(chart, shortName);
    let token = tokens.get(shortName);
    if (token === undefined) {
      token = await mintDevToken(keys, { tenantId: entry.tenantId, userId: entry.id, name: entry.displayName });
      tokens.set(shortName, token);
    }
    return token;
  };
  const later: {
    at: Date;
    employeeId: string;
    conversationId: string;
    actionId: string;
    etag: string;
    status: ActionStatus;
    by: string;
  }[] = [];
  const expect = (status: number, wanted: number, what: string) => {
    if (status !== wanted) throw new Error(`Seeding failed at "${what}": HTTP ${status}.`);
  };

  for (const talk of HISTORY) {
    const employee = person(chart, talk.employee);
    const [employeeToken, managerToken] = [await tokenOf(talk.employee), await tokenOf('morgan')];
    const params = { employeeId: employee.id };
    const at = today.getTime() - talk.daysAgo * DAY;
    clock = new Date(at);
    // Settle what came due before this talk, so the right actions carry forward.
    for (const pending of later
      .filter((entry) => entry.at.getTime() <= at)
      .sort((a, b) => a.at.getTime() - b.at.getTime())) {
      clock = pending.at;
      const changed = await api('action-patch', {
        token: pending.by === 'manager' ? managerToken : employeeToken,
        params: { employeeId: pending.employeeId, conversationId: pending.conversationId, actionId: pending.actionId },
        headers: { 'if-match': pending.etag },
        body: { status: pending.status },
      });
      expect(changed.status, 200, 'settle an action');
      later.splice(later.indexOf(pending), 1);
    }
    clock = new Date(at);
    const started = await api('conversations-post', {
      token: managerToken,
      params,
      body: { type: talk.type },
    });
    expect(started.status, 201, `start ${talk.type} for ${talk.employee}`);
    const startedView = started.body as ConversationView;
    const conversationId = startedView.conversation.id;
    const inTalk = { ...params, conversationId };
    for (const point of talk.talkingPoints ?? []) {
      const added = await api('agenda-post', {
        token: point.by === 'manager' ? managerToken : employeeToken,
        params: inTalk,
        body: { text: point.text },
      });
      expect(added.status, 201, 'add a talking point');
    }
    let etag = ((await api('conversation-get', { token: managerToken, params: inTalk })).body as ConversationView)
      .conversation.etag;
    for (const item of startedView.conversation.agenda.filter((entry) => entry.source !== 'carried').slice(0, 6)) {
      const ticked = await api('agenda-item-patch', {
        token: managerToken,
        params: { ...inTalk, itemId: item.id },
        headers: { 'if-match': etag },
        body: { discussed: true },
      });
      expect(ticked.status, 200, 'tick an item');
      etag = (ticked.body as { conversationEtag: string }).conversationEtag;
    }
    const actionIds: string[] = [];
    for (const action of talk.actions) {
      const due = action.due ? new Date(at + Number(action.due.slice(2)) * DAY).toISOString().slice(0, 10) : undefined;
      const added = await api('actions-post', {
        token: action.owner === 'manager' ? managerToken : employeeToken,
        params: inTalk,
        body: {
          title: action.title,
          owner: action.owner,
          ...(action.kind ? { learningKind: action.kind } : {}),
          ...(due ? { dueDate: due } : {}),
        },
      });
      expect(added.status, 201, 'add an action');
      const addedBody = added.body as { action: { id: string }; conversationEtag: string };
      actionIds.push(addedBody.action.id);
      etag = addedBody.conversationEtag;
    }
    // Both people agree to the revision they see: the employee first, then the manager.
    const { revision } = (
      (await api('conversation-get', { token: managerToken, params: inTalk })).body as ConversationView
    ).conversation;
    const confirmed = await api('conversation-agree', { token: employeeToken, params: inTalk, body: { revision } });
    expect(confirmed.status, 200, `confirm ${talk.type} for ${talk.employee}`);
    const agreed = await api('conversation-agree', { token: managerToken, params: inTalk, body: { revision } });
    expect(agreed.status, 200, `agree ${talk.type} for ${talk.employee}`);
    const agreedView = agreed.body as ConversationView;
    talk.actions.forEach((action, index) => {
      const stored = agreedView.actions.find((entry) => entry.id === actionIds[index]);
      if (action.later && stored) {
        later.push({
          at: new Date(at + action.later.afterDays * DAY),
          employeeId: employee.id,
          conversationId,
          actionId: stored.id,
          etag: stored.etag,
          status: action.later.status,
          by: action.owner === 'manager' ? 'manager' : 'employee',
        });
      }
    });
  }
  for (const pending of later.sort((a, b) => a.at.getTime() - b.at.getTime())) {
    clock = pending.at.getTime() < today.getTime() ? pending.at : today;
    const employee = chart.tenants[0]?.people.find((entry) => entry.id === pending.employeeId);
    if (!employee) throw new Error(`The demo organisation has nobody with id ${pending.employeeId}.`);
    const changed = await api('action-patch', {
      token: await tokenOf(pending.by === 'manager' ? 'morgan' : employee.shortName),
      params: { employeeId: pending.employeeId, conversationId: pending.conversationId, actionId: pending.actionId },
      headers: { 'if-match': pending.etag },
      body: { status: pending.status },
    });
    expect(changed.status, 200, 'settle an action');
  }
  clock = today;
  const ava = person(chart, 'ava');
  const plan = await api('career-plan-put', {
    token: await tokenOf('ava'),
    params: { employeeId: ava.id },
    body: {
      aspiration: 'explore',
      focusAreas: ['Product discovery', 'API design', 'Making my work visible'],
      careerScenario: 'Product manager for the developer platform',
    },
  });
  expect(plan.status, 200, 'write the career plan');
}
