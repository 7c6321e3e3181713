import { createHash } from 'node:crypto';
import type {
  ActionView,
  AuditTrail,
  CareerPlan,
  ConversationContext,
  ConversationRecord,
  ConversationSummary,
  ConversationView,
  NextConversationView,
  NoteView,
  Person,
  PlanExport,
  PlanSummary,
  TeamMember,
} from '../contract';
import {
  canReadNote,
  daysSince,
  discussionProgress,
  emptyCounters,
  jobDevelopmentStatus,
  learningMix,
  managerHoldsTooMuch,
  sectionsOf,
  conversationBalance,
  upcomingConversation,
  type Action,
  type AuditEntry,
  type CareerPlanRecord,
  type CarriedActionRef,
  type Conversation,
  type NextConversation,
  type Note,
  type PlanCounters,
} from '../domain';
import type { RequestContext } from '../http/handler';
import { notFound } from '../http/problem';
import type { ConversationBundle, Stored, StoredConversation, WholePlan } from '../store';
import type { PlanAccess } from './plan-access';

/*
 * How stored records are shown to the caller. Builders only: what the caller may see is decided
 * by the access policy before these run.
 */

export function actionView(stored: Stored<Action>): ActionView {
  return { ...stored.value, etag: stored.etag };
}

export function conversationRecord(stored: Stored<Conversation>): ConversationRecord {
  return { ...stored.value, etag: stored.etag };
}

export function conversationSummary(conversation: StoredConversation, actions: Stored<Action>[]): ConversationSummary {
  const { agenda, ...rest } = conversationRecord(conversation);
  const own = actions.map((action) => action.value);
  const progress = discussionProgress(agenda);
  return {
    conversation: {
      ...rest,
      agendaItems: progress.total,
      discussedItems: progress.discussed,
    },
    actions: actions.map(actionView),
    ownership: conversationBalance(conversation.value, own),
    learningMix: learningMix(own),
    notes: agenda
      .filter((item) => (item.notes?.length ?? 0) > 0)
      .map(({ id, text, notes }) => ({ id, text, ...(notes ? { notes } : {}) })),
  };
}

export function planSummaryView(counters: PlanCounters): PlanSummary {
  return {
    conversations: counters.agreedConversations,
    lastAgreed: counters.lastAgreed,
    drafts: counters.drafts,
    openActions: counters.openActions,
    startedAt: counters.startedAt,
  };
}

/** The next conversation as stored, for the plan view and the answer to setting it; a passed day shows as none. */
export function nextConversationView(stored: Stored<NextConversation | null> | null, now: Date): NextConversationView {
  const upcoming = upcomingConversation(stored?.value, now);
  return {
    date: upcoming?.date ?? null,
    type: upcoming?.type ?? null,
    updatedBy: stored?.value?.by ?? null,
    updatedAt: stored?.value?.at ?? null,
    etag: stored?.etag ?? null,
  };
}

/** Where the pair stands, from the plan's counters and the next conversation: no read of its own. */
export function conversationContext(
  counters: PlanCounters,
  next: NextConversation | null,
  now: Date,
): ConversationContext {
  const job = jobDevelopmentStatus(counters.lastAgreed.job, counters.startedAt, now);
  return {
    jobDevelopment: { lastAgreedAt: counters.lastAgreed.job, overdue: job.overdue, overdueDays: job.overdueDays },
    openActions: counters.openActions,
    managerHoldsTooMuch: managerHoldsTooMuch(counters.openActions),
    nextConversation: upcomingConversation(next, now),
  };
}

export function careerPlanView(stored: Stored<CareerPlanRecord> | null): CareerPlan {
  if (!stored) return { aspiration: null, focusAreas: [], careerScenario: null, updatedAt: null, etag: null };
  const { aspiration, focusAreas, careerScenario, updatedAt } = stored.value;
  return { aspiration, focusAreas, careerScenario, updatedAt, etag: stored.etag };
}

export function noteView(stored: Stored<Note>): NoteView {
  return { text: stored.value.text, updatedAt: stored.value.updatedAt, etag: stored.etag };
}

/** The whole plan as a file: the career plan and every conversation with its actions and the caller's own note. */
export function planExportView(plan: WholePlan, access: PlanAccess, exportedAt: Date): PlanExport {
  return {
    exportedAt: exportedAt.toISOString(),
    role: access.role,
    employee: access.employee,
    careerPlan: careerPlanView(plan.careerPlan),
    conversations: plan.conversations.map((conversation) => {
      const note = plan.notes.find((entry) => entry.value.conversationId === conversation.value.id);
      return {
        conversation: conversationRecord(conversation),
        actions: plan.actions.filter((action) => action.value.conversationId === conversation.value.id).map(actionView),
        myNote: note ? noteView(note) : null,
      };
    }),
  };
}

/** One report in the manager's overview: when they last talked, and whether the plan needs attention. */
export function teamMemberView(person: Person, counters: PlanCounters, now: Date): TeamMember {
  const job = jobDevelopmentStatus(counters.lastAgreed.job, counters.startedAt, now);
  return {
    person,
    lastJobConversationAt: counters.lastAgreed.job,
    lastCareerConversationAt: counters.lastAgreed.career,
    daysSinceJobConversation: daysSince(counters.lastAgreed.job, now),
    daysSinceCareerConversation: daysSince(counters.lastAgreed.career, now),
    jobDevelopmentOverdue: job.overdue,
    jobDevelopmentOverdueDays: job.overdueDays,
    openActions: counters.openActions,
    managerHoldsTooMuch: managerHoldsTooMuch(counters.openActions),
    drafts: counters.drafts,
  };
}

/** An audit entry with the actor's name as the employee knows them. */
export function auditEntryView(entry: AuditEntry, access: PlanAccess): AuditTrail['entries'][number] {
  const names = new Map<string, string>([[access.employee.id, access.employee.displayName]]);
  if (access.manager) names.set(access.manager.id, access.manager.displayName);
  // Someone who was refused is not named: the trail must not become a way to look people up.
  const actorName =
    names.get(entry.actorId) ?? (entry.actorRole === 'none' ? 'Someone without access' : 'A former manager');
  return { ...entry, actorName };
}

/**
 * A conversation view's validator for If-None-Match: the plan's clock (rewritten by every write to
 * the plan) bound to the conversation and the viewer, whose views differ.
 */
export function viewValidator(clock: string | null, conversationId: string, viewerId: string): string | null {
  if (!clock) return null;
  return `"v-${createHash('sha256').update(`${clock}|${conversationId}|${viewerId}`).digest('base64url').slice(0, 22)}"`;
}

async function personOrPlaceholder(context: RequestContext, id: string, known: Person | null): Promise<Person> {
  if (known?.id === id) return known;
  return (await context.org.person(id)) ?? { id, displayName: 'Former manager' };
}

/** The rows a conversation view is built from. */
export interface ConversationParts {
  bundle: ConversationBundle;
  carried: Stored<Action>[];
  careerPlan: Stored<CareerPlanRecord> | null;
  /** The plan's counters (null before the plan has any) and its next conversation: the view's context. */
  counters: PlanCounters | null;
  nextConversation: NextConversation | null;
}

/** The whole conversation as the side panel shows it, built from rows already read (or just written). */
export async function conversationViewOf(
  context: RequestContext,
  access: PlanAccess,
  { bundle, carried, careerPlan, counters, nextConversation }: ConversationParts,
): Promise<ConversationView> {
  const conversation = bundle.conversation.value;
  const manager = await personOrPlaceholder(context, conversation.managerId, access.manager);
  const own = bundle.actions.map((action) => action.value);
  // Storage already returns only the caller's note; the access policy is applied here all the same.
  const note =
    bundle.myNote && canReadNote(context.identity.userId, bundle.myNote.value.authorId) ? bundle.myNote : null;
  return {
    role: access.role,
    employee: access.employee,
    manager,
    conversation: conversationRecord(bundle.conversation),
    sections: sectionsOf(conversation.type),
    actions: bundle.actions.map(actionView),
    carriedActions: carried.map(actionView),
    ownership: conversationBalance(conversation, own),
    learningMix: learningMix(own),
    myNote: note ? noteView(note) : null,
    careerPlan: careerPlanView(careerPlan),
    context: conversationContext(counters ?? emptyCounters(), nextConversation, context.services.now()),
  };
}

/** What a caller of `loadConversationView` may already know. */
export interface KnownBeforeView {
  /** The plan's clock, read before the view: the validator when the view's own read spans pages. */
  clock?: string | null;
  /** Which earlier actions the conversation reviews (a meeting link keeps them), so they are read with it. */
  carried?: readonly CarriedActionRef[] | undefined;
}

/**
 * Reads and builds the conversation view: one query for the plan's clock, its own rows and the
 * conversation's (see `PlanStore.readConversationView`). The clock comes from the same snapshot as the
 * rows, so a write landing meanwhile makes the next poll read again instead of being hidden behind a 304.
 */
export async function loadConversationView(
  context: RequestContext,
  access: PlanAccess,
  conversationId: string,
  known: KnownBeforeView = {},
): Promise<{ view: ConversationView; etag: string | null }> {
  const rows = await context.services.plans.readConversationView(
    access.partitionKey,
    conversationId,
    context.identity.userId,
    known.carried,
  );
  if (!rows) throw notFound('conversation');
  const { bundle, plan, carried } = rows;
  const view = await conversationViewOf(context, access, {
    bundle,
    carried,
    careerPlan: plan.careerPlan,
    counters: plan.summary?.value ?? null,
    nextConversation: plan.nextConversation?.value ?? null,
  });
  // Without a clock from the rows' own snapshot, only one read before them may stand in for it.
  const clock = rows.clock !== undefined ? rows.clock : (known.clock ?? null);
  return { view, etag: viewValidator(clock, conversationId, context.identity.userId) };
}
