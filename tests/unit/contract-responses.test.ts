import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import {
  ActionResultSchema,
  AgendaItemResultSchema,
  AuditTrailSchema,
  ConversationSummarySchema,
  ConversationViewSchema,
  ExportSchema,
  HistoryPageSchema,
  LiveAccessSchema,
  LiveMessageSchema,
  MeetingPanelSchema,
  MeetingResolutionSchema,
  NudgePreferencesSchema,
  PlanViewSchema,
  PreparedPointsSchema,
  ProblemSchema,
  TeamOverviewSchema,
  type ActionView,
  type CareerPlan,
  type ConversationContext,
  type ConversationRecord,
  type ConversationView,
  type NoteView,
  type Person,
} from '../../functions/src/contract';
import {
  confirm,
  learningMix,
  ownershipBalance,
  proposeReview,
  sectionsOf,
  startDraft,
  tickAgendaItem,
  withRevisionChange,
  writeItemNote,
  type Action,
  type CareerPlanRecord,
  type Conversation,
} from '../../functions/src/domain';
import { allowed, anAction, byEmployee, byManager } from '../support/domain-fixtures';

/*
 * The tab checks every answer against these schemas and keeps what they output, so a schema that
 * dropped or refused a field the API sends would lose it on screen. Each answer here is as full as
 * the API makes them — every optional field present, every kind of entry — and must come back whole.
 */

const EARLIER = '8100000000000aaaaaa';
const CURRENT = '8000000000000bbbbbb';

const ava: Person = { id: 'ava', displayName: 'Ava Patel', jobTitle: 'Engineer', email: 'ava@contoso.example' };
const morgan: Person = { id: 'morgan', displayName: 'Morgan Lee' };

const careerPlanRecord: CareerPlanRecord = {
  aspiration: 'changePace',
  focusAreas: ['Platform design'],
  careerScenario: 'Staff engineer',
  updatedAt: '2026-02-01T00:00:00.000Z',
  updatedBy: 'ava',
};
const careerPlan: CareerPlan = {
  aspiration: 'changePace',
  focusAreas: ['Platform design'],
  careerScenario: 'Staff engineer',
  updatedAt: '2026-02-01T00:00:00.000Z',
  etag: 'W/"plan"',
};

/** An earlier agreed action of each status, one with every optional field and a status history. */
const earlier: Action[] = [
  anAction('a1', 'employee', {
    conversationId: EARLIER,
    conversationType: 'career',
    agreed: true,
    learningKind: 'formal',
    dueDate: '2026-04-01',
    focusArea: 'Platform design',
    statusChangedAt: '2026-02-02T00:00:00.000Z',
    statusChangedBy: 'ava',
    statusHistory: [
      { status: 'done', by: 'ava', at: '2026-02-02T00:00:00.000Z' },
      { status: 'open', by: 'ava', at: '2026-02-03T00:00:00.000Z' },
    ],
  }),
  anAction('a2', 'manager', { conversationId: EARLIER, conversationType: 'career', agreed: true }),
];

/** A career draft that went through every kind of change: carried actions, a prepared point, ticks, notes, proposals. */
function busyDraft(): Conversation {
  const prepared = [
    { id: 'p0123abcd', text: 'Conference', by: 'morgan', role: 'manager' as const, at: 'x', type: null },
  ];
  let draft = startDraft(
    { id: CURRENT, employeeId: 'ava', managerId: 'morgan', type: 'career' },
    earlier,
    byManager,
    prepared,
  );
  draft = allowed(tickAgendaItem(draft, 'checkIn.energy', true, byEmployee)).conversation;
  draft = allowed(writeItemNote(draft, 'checkIn.energy', 'Busy quarter', byEmployee)).conversation;
  draft = allowed(writeItemNote(draft, 'checkIn.energy', 'Agreed', byManager)).conversation;
  draft = allowed(proposeReview(draft, 'carried.1', 'done', byManager)).conversation;
  draft = allowed(proposeReview(draft, 'carried.2', 'dropped', byEmployee)).conversation;
  return draft;
}

const ownActions: Action[] = [
  anAction('a1', 'employee', {
    conversationId: CURRENT,
    conversationType: 'career',
    learningKind: 'fromOthers',
    dueDate: '2026-06-30',
  }),
  anAction('a2', 'employee', { conversationId: CURRENT, conversationType: 'career', learningKind: 'onTheJob' }),
  anAction('a3', 'manager', { conversationId: CURRENT, conversationType: 'career', status: 'dropped' }),
];

/** The same draft, confirmed by the employee and then changed by the manager: a withdrawal to show. */
function withdrawnDraft(): Conversation {
  const draft = busyDraft();
  const confirmed = allowed(confirm(inputsFor(draft), draft.revision, byEmployee));
  if (confirmed.kind === 'agreed') throw new Error('Only one person confirmed.');
  return withRevisionChange(confirmed.conversation, byManager, 'action.change');
}

function inputsFor(conversation: Conversation) {
  return { conversation, actions: ownActions, carried: earlier, careerPlan: careerPlanRecord, previous: null };
}

/** The draft agreed by both: a record with its snapshot, review and what changed. */
function agreedRecord(): Conversation {
  const draft = busyDraft();
  const first = allowed(confirm(inputsFor(draft), draft.revision, byEmployee));
  if (first.kind === 'agreed') throw new Error('Only one person confirmed.');
  const second = allowed(confirm(inputsFor(first.conversation), draft.revision, byManager));
  if (second.kind !== 'agreed') throw new Error('Both confirmed: expected an agreement.');
  return second.agreement.conversation;
}

const withEtag = (conversation: Conversation): ConversationRecord => ({ ...conversation, etag: 'W/"c"' });
const actionViews: ActionView[] = ownActions.map((action) => ({ ...action, etag: 'W/"a"' }));
const carriedViews: ActionView[] = earlier.map((action) => ({ ...action, etag: 'W/"e"' }));
const myNote: NoteView = { text: 'Ask about the platform team', updatedAt: '2026-03-01T00:00:00.000Z', etag: 'W/"n"' };

const context: ConversationContext = {
  jobDevelopment: { lastAgreedAt: '2025-10-01T00:00:00.000Z', overdue: true, overdueDays: 31 },
  openActions: { employee: 1, manager: 2 },
  managerHoldsTooMuch: true,
  nextConversation: { date: '2026-04-01', type: 'job' },
};

function conversationView(conversation: Conversation): ConversationView {
  return {
    role: 'manager',
    employee: ava,
    manager: morgan,
    conversation: withEtag(conversation),
    sections: sectionsOf(conversation.type),
    actions: actionViews,
    carriedActions: carriedViews,
    ownership: ownershipBalance(CURRENT, [ownActions[2]!]),
    learningMix: learningMix([anAction('a9', 'employee', { learningKind: 'formal' })]),
    myNote,
    careerPlan,
    context,
  };
}

/** Every answer the API sends, as full as it gets. */
function answers(): [string, z.ZodType, unknown][] {
  const agreed = agreedRecord();
  const draft = withdrawnDraft();
  const { agenda: _agenda, ...agreedWithoutAgenda } = withEtag(agreed);
  const summary = {
    conversation: { ...agreedWithoutAgenda, agendaItems: 18, discussedItems: 1 },
    actions: actionViews,
    ownership: ownershipBalance(CURRENT, ownActions),
    learningMix: learningMix(ownActions),
    notes: agreed.agenda
      .filter((item) => item.notes)
      .map(({ id, text, notes }) => ({ id, text, ...(notes ? { notes } : {}) })),
  };
  const linked = {
    status: 'linked',
    employeeId: 'ava',
    managerId: 'morgan',
    conversationId: CURRENT,
    conversationType: 'career',
  };
  return [
    ['a draft, confirmed and then withdrawn', ConversationViewSchema, conversationView(draft)],
    ['an agreed conversation with its snapshot', ConversationViewSchema, conversationView(agreed)],
    ['a history page', HistoryPageSchema, { items: [summary], continuation: EARLIER }],
    ['a summary without notes', ConversationSummarySchema, { ...summary, notes: [] }],
    [
      'the plan',
      PlanViewSchema,
      {
        role: 'employee',
        employee: ava,
        manager: null,
        careerPlan: { aspiration: null, focusAreas: [], careerScenario: null, updatedAt: null, etag: null },
        summary: {
          conversations: 3,
          lastAgreed: { job: '2026-01-01T00:00:00.000Z', career: null },
          drafts: { job: null, career: CURRENT },
          openActions: { employee: 2, manager: 1 },
          startedAt: '2025-01-01T00:00:00.000Z',
        },
        prepared: [{ id: 'p0123abcd', text: 'Mentoring', by: 'ava', role: 'employee', at: 'x', type: 'job' }],
        nextConversation: { date: '2026-04-01', type: 'career', updatedBy: 'ava', updatedAt: 'x', etag: 'W/"x"' },
      },
    ],
    [
      'the team',
      TeamOverviewSchema,
      {
        cadenceDays: 120,
        members: [
          {
            person: ava,
            lastJobConversationAt: null,
            lastCareerConversationAt: '2026-01-01T00:00:00.000Z',
            daysSinceJobConversation: null,
            daysSinceCareerConversation: 60,
            jobDevelopmentOverdue: true,
            jobDevelopmentOverdueDays: null,
            openActions: { employee: 0, manager: 1 },
            managerHoldsTooMuch: true,
            drafts: { job: CURRENT, career: null },
          },
        ],
      },
    ],
    ['a linked meeting', MeetingResolutionSchema, linked],
    [
      'a meeting of a series',
      MeetingResolutionSchema,
      {
        status: 'series',
        employeeId: 'ava',
        managerId: 'morgan',
        lastConversationId: EARLIER,
        lastConversationType: 'job',
      },
    ],
    ['a meeting not linked', MeetingResolutionSchema, { status: 'unlinked' }],
    [
      'the side panel',
      MeetingPanelSchema,
      {
        me: { tenantId: 't', user: morgan, manager: null, directReports: [ava] },
        meeting: linked,
        conversation: conversationView(draft),
        conversationEtag: 'W/"c"',
        suggestedEmployeeId: null,
      },
    ],
    [
      'the export',
      ExportSchema,
      {
        exportedAt: '2026-03-01T00:00:00.000Z',
        role: 'employee',
        employee: ava,
        careerPlan,
        conversations: [{ conversation: withEtag(agreed), actions: actionViews, myNote: null }],
      },
    ],
    [
      'an agenda item written',
      AgendaItemResultSchema,
      { conversation: withEtag(draft), item: draft.agenda[0], conversationEtag: 'W/"c"' },
    ],
    [
      'an action written',
      ActionResultSchema,
      { action: actionViews[0], conversation: withEtag(draft), conversationEtag: 'W/"c"' },
    ],
    [
      'the audit trail',
      AuditTrailSchema,
      {
        entries: [
          {
            at: 'x',
            actorId: 'ava',
            actorRole: 'employee',
            action: 'action.add',
            target: 'a1',
            actorName: 'Ava Patel',
          },
          { at: 'y', actorId: 'eve', actorRole: 'none', action: 'access.refused', actorName: 'Someone without access' },
        ],
        continuation: null,
      },
    ],
    [
      'the nudge preferences',
      NudgePreferencesSchema,
      {
        preferences: {
          actionDueSoon: true,
          actionOverdue: true,
          jobDevelopmentOverdue: false,
          jobDevelopmentReminder: true,
          prepareTalkingPoints: true,
          confirmationWaiting: true,
          weeklyDigest: false,
          digestDay: 'monday',
        },
        etag: 'W/"p"',
      },
    ],
    [
      'the prepared points',
      PreparedPointsSchema,
      { points: [{ id: 'p0123abcd', text: 'Mentoring', by: 'ava', role: 'employee', at: 'x', type: null }] },
    ],
    ['live access', LiveAccessSchema, { url: 'wss://live.example/client?access_token=x', expiresAt: 'x' }],
    [
      'a live notice',
      LiveMessageSchema,
      { conversationId: CURRENT, revision: 3, etag: null, kind: 'agenda.tick', itemId: 'checkIn.energy', by: 'ava' },
    ],
    [
      'a problem',
      ProblemSchema,
      {
        type: 'about:blank',
        title: 'Invalid request body',
        status: 400,
        detail: 'title: Write something here.',
        errors: [{ field: 'title', message: 'Write something here.' }],
        current: { conversationId: CURRENT },
      },
    ],
  ];
}

describe('the answers the API sends', () => {
  // Built inside the test, not while the file is collected: Stryker then knows which test reaches what.
  it('keep every field of every answer', () => {
    for (const [name, schema, answer] of answers()) expect(schema.parse(answer), name).toEqual(answer);
  });

  it('carry what the domain records: notes, proposals, confirmations, the withdrawal and the snapshot', () => {
    const draft = withdrawnDraft();
    expect(draft.withdrawal?.roles).toEqual(['employee']);
    expect(draft.agenda.some((item) => item.prepared && item.authorId === 'morgan')).toBe(true);
    expect(draft.agenda.find((item) => item.id === 'checkIn.energy')?.notes).toHaveLength(2);
    const agreed = agreedRecord();
    expect(agreed.snapshot?.review.map((entry) => entry.status)).toEqual(['done', 'dropped']);
    expect(agreed.snapshot?.actions[0]).toMatchObject({ learningKind: 'fromOthers', dueDate: '2026-06-30' });
    expect(agreed.snapshot?.changes.careerPlan.map((entry) => entry.field)).toEqual([
      'aspiration',
      'focusAreas',
      'careerScenario',
    ]);
  });

  it('refuse an answer that misses what the tab needs, or says something the contract does not know', () => {
    const view = conversationView(busyDraft());
    const { context: _context, ...withoutContext } = view;
    expect(ConversationViewSchema.safeParse(withoutContext).success).toBe(false);
    expect(ConversationViewSchema.safeParse({ ...view, role: 'admin' }).success).toBe(false);
    expect(MeetingResolutionSchema.safeParse({ status: 'pending' }).success).toBe(false);
    expect(
      LiveMessageSchema.safeParse({
        conversationId: CURRENT,
        revision: 1,
        etag: null,
        kind: 'x',
        itemId: null,
        by: 'a',
      }).success,
    ).toBe(false);
  });
});
