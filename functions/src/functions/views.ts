import { createHash } from 'node:crypto';
import type { ActionView, ConversationRecord, ConversationSummary, ConversationView, Person } from '../contract';
import { canReadNote, learningMix, ownershipBalance, sectionsOf, type Action, type Conversation } from '../domain';
import type { RequestContext } from '../http/handler';
import { notFound, staleError } from '../http/problem';
import type { PlanSummaryRecord, Stored, StoredConversation } from '../store';
import type { PlanAccess } from './plan-access';

export function actionView(stored: Stored<Action>): ActionView {
  return { ...stored.value, etag: stored.etag };
}

export function conversationRecord(stored: Stored<Conversation>): ConversationRecord {
  return { ...stored.value, etag: stored.etag };
}

export function conversationSummary(conversation: StoredConversation, actions: Stored<Action>[]): ConversationSummary {
  const { agenda, ...rest } = conversationRecord(conversation);
  const own = actions.map((action) => action.value);
  return {
    conversation: {
      ...rest,
      agendaItems: agenda.length,
      discussedItems: agenda.filter((item) => item.discussed).length,
    },
    actions: actions.map(actionView),
    ownership: ownershipBalance(conversation.value.id, own),
    learningMix: learningMix(own),
  };
}

export function planSummaryView(summary: PlanSummaryRecord) {
  return {
    conversations: summary.agreedConversations,
    lastAgreed: summary.lastAgreed,
    drafts: summary.drafts,
    openActions: summary.openActions,
  };
}

/** A view's validator for If-None-Match: it changes whenever any entity in the view changes. */
function viewEtag(parts: (string | undefined)[]): string {
  return `"v-${createHash('sha256').update(parts.join('|')).digest('base64url').slice(0, 22)}"`;
}

async function personOrPlaceholder(context: RequestContext, id: string, known: Person | null): Promise<Person> {
  if (known?.id === id) return known;
  return (await context.org.person(id)) ?? { id, displayName: 'Former manager' };
}

/** The whole conversation as the side panel shows it: two ranged queries, the second only when actions were carried. */
export async function loadConversationView(
  context: RequestContext,
  access: PlanAccess,
  conversationId: string,
): Promise<{ view: ConversationView; etag: string }> {
  const { plans } = context.services;
  const bundle = await plans.readConversation(access.partitionKey, conversationId, context.identity.userId);
  if (!bundle) throw notFound('conversation');
  const conversation = bundle.conversation.value;
  const refs = conversation.agenda.flatMap((item) => (item.carriedAction ? [item.carriedAction] : []));
  const [carried, manager] = await Promise.all([
    plans.readActionsFrom(access.partitionKey, refs),
    personOrPlaceholder(context, conversation.managerId, access.manager),
  ]);
  const own = bundle.actions.map((action) => action.value);
  // Storage already returns only the caller's note; the access policy is applied here all the same.
  const note =
    bundle.myNote && canReadNote(context.identity.userId, bundle.myNote.value.authorId) ? bundle.myNote : null;
  const view: ConversationView = {
    role: access.role,
    employee: access.employee,
    manager,
    conversation: conversationRecord(bundle.conversation),
    sections: sectionsOf(conversation.type),
    actions: bundle.actions.map(actionView),
    carriedActions: carried.map(actionView),
    ownership: ownershipBalance(conversation.id, own),
    learningMix: learningMix(own),
    myNote: note ? { text: note.value.text, updatedAt: note.value.updatedAt, etag: note.etag } : null,
  };
  const etag = viewEtag([
    bundle.conversation.etag,
    ...bundle.actions.map((action) => action.etag),
    ...carried.map((action) => action.etag),
    note?.etag,
    manager.displayName,
  ]);
  return { view, etag };
}

/**
 * Reads the conversation for a write; a stale If-Match answers 412 with the current view —
 * unless the request is a retry of one that already succeeded (its idempotency key is known).
 */
export async function conversationForWrite(
  context: RequestContext,
  access: PlanAccess,
  conversationId: string,
  ifMatch: string | null,
  idempotencyKey: string | null = null,
): Promise<StoredConversation> {
  const stored = await context.services.plans.readConversationOnly(access.partitionKey, conversationId);
  if (!stored) throw notFound('conversation');
  const replay = idempotencyKey !== null && idempotencyKey in stored.idempotencyKeys;
  if (ifMatch !== null && ifMatch !== stored.etag && !replay)
    throw await staleConversation(context, access, conversationId);
  return stored;
}

export async function staleConversation(context: RequestContext, access: PlanAccess, conversationId: string) {
  const { view } = await loadConversationView(context, access, conversationId);
  return staleError('conversation', view);
}
