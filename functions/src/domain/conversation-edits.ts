/**
 * The changes people make to a conversation, as pure decisions: each takes the current state and
 * the request, and answers the next state or the rule it breaks. Handlers store what these answer.
 */
import { TALKING_POINTS_SECTION_ID, isSectionOf, templateAgenda } from './agenda-templates';
import { carryForward } from './carry-forward';
import {
  agreedAlready,
  checkActionShape,
  checkCanAddAction,
  checkCanAddTalkingPoint,
  checkEditable,
  checkStatusChange,
} from './lifecycle';
import { changeAgreedActionStatus, withRevisionChange } from './agreement';
import type { Action, ActionStatus, AgendaItem, Change, Conversation, ConversationType, PreparedPoint } from './model';
import { allow, refuse, type Decision } from './rules';

/** A draft from the type's agenda, with the plan's open agreed actions up for review. */
export function startDraft(
  draft: { id: string; employeeId: string; managerId: string; type: ConversationType },
  openAgreedActions: readonly Action[],
  change: Change,
  prepared: readonly PreparedPoint[] = [],
): Conversation {
  const carried = carryForward(openAgreedActions, draft.type);
  const points = prepared.map((point, index): AgendaItem => ({
    id: `point.${index + 1}`,
    sectionId: TALKING_POINTS_SECTION_ID,
    text: point.text,
    source: 'talkingPoint',
    optional: false,
    authorId: point.by,
    discussed: false,
    prepared: true,
  }));
  return {
    ...draft,
    status: 'draft',
    agenda: [...templateAgenda(draft.type), ...carried.items, ...points],
    createdBy: change.by,
    createdAt: change.at,
    revision: 0,
    confirmations: [],
    ...(points.length > 0 ? { talkingPointSeq: points.length } : {}),
  };
}

/**
 * The next talking point's number: past every point the conversation holds and every one it ever
 * handed out (drafts from before the counter existed never removed a point, so their highest is enough).
 */
function nextTalkingPointNumber(conversation: Conversation): number {
  const numbers = conversation.agenda
    .filter((item) => item.source === 'talkingPoint')
    .map((item) => Number(item.id.split('.')[1] ?? 0))
    .filter((number) => Number.isFinite(number));
  return Math.max(conversation.talkingPointSeq ?? 0, 0, ...numbers) + 1;
}

/** Either person adds a talking point, to the section they choose or to "talking points". */
export function addTalkingPoint(
  conversation: Conversation,
  point: { text: string; sectionId?: string | undefined },
  change: Change,
): Decision<{ conversation: Conversation; item: AgendaItem }> {
  const violation = checkCanAddTalkingPoint(conversation);
  if (violation) return refuse(violation);
  const sectionId = point.sectionId ?? TALKING_POINTS_SECTION_ID;
  if (!isSectionOf(conversation.type, sectionId)) {
    return refuse({
      code: 'invalidSection',
      title: 'No such section',
      detail: `A ${conversation.type}-development agenda has no section "${sectionId}".`,
      field: 'sectionId',
    });
  }
  const number = nextTalkingPointNumber(conversation);
  const item: AgendaItem = {
    id: `point.${number}`,
    sectionId,
    text: point.text,
    source: 'talkingPoint',
    optional: false,
    authorId: change.by,
    discussed: false,
  };
  const next = withRevisionChange(
    { ...conversation, agenda: [...conversation.agenda, item], talkingPointSeq: number },
    change,
    'agenda.add',
  );
  return allow({ conversation: next, item });
}

/**
 * A talking point changes only by the hand that wrote it: template prompts and the review of
 * carried actions are not anyone's to reword, and one person's point is not the other's to change.
 */
function ownTalkingPoint(conversation: Conversation, itemId: string, change: Change): Decision<AgendaItem> {
  const found = editableItem(conversation, itemId);
  if (!found.ok) return found;
  const item = found.value;
  if (item.source !== 'talkingPoint') {
    return refuse({
      code: 'notTalkingPoint',
      title: 'Only talking points can be changed',
      detail:
        'This item comes from the agenda template or the review of last time’s actions, so it stays as it is. Add a talking point of your own instead.',
    });
  }
  if (item.authorId !== change.by) {
    return refuse({
      code: 'notOwner',
      title: 'Only the person who added a talking point can change it',
      detail: 'The other person added this talking point. Ask them to change it, or add one of your own.',
    });
  }
  return allow(item);
}

/** The author rewords their own talking point while the conversation is a draft; the revision moves on. */
export function editTalkingPoint(
  conversation: Conversation,
  itemId: string,
  text: string,
  change: Change,
): Decision<{ conversation: Conversation; item: AgendaItem }> {
  const found = ownTalkingPoint(conversation, itemId, change);
  if (!found.ok) return found;
  const existing = found.value;
  // The same words again change nothing, so nobody's confirmation is withdrawn for it.
  if (existing.text === text) return allow({ conversation, item: existing });
  const item: AgendaItem = { ...existing, text };
  const agenda = conversation.agenda.map((entry) => (entry.id === itemId ? item : entry));
  return allow({ conversation: withRevisionChange({ ...conversation, agenda }, change, 'agenda.edit'), item });
}

/** The author takes their own talking point off the agenda while a draft; its number is never given again. */
export function removeTalkingPoint(conversation: Conversation, itemId: string, change: Change): Decision<Conversation> {
  const found = ownTalkingPoint(conversation, itemId, change);
  if (!found.ok) return found;
  const agenda = conversation.agenda.filter((entry) => entry.id !== itemId);
  const seq = nextTalkingPointNumber(conversation) - 1;
  return allow(withRevisionChange({ ...conversation, agenda, talkingPointSeq: seq }, change, 'agenda.remove'));
}

/** The item a change is about, while the conversation is still a draft. */
function editableItem(conversation: Conversation, itemId: string): Decision<AgendaItem> {
  const violation = checkEditable(conversation);
  if (violation) return refuse(violation);
  const item = conversation.agenda.find((entry) => entry.id === itemId);
  return item
    ? allow(item)
    : refuse({ code: 'itemNotFound', title: 'Not found', detail: 'There is no such agenda item here.' });
}

/** Ticks an agenda item as discussed (recording who and when), or unticks it. */
export function tickAgendaItem(
  conversation: Conversation,
  itemId: string,
  discussed: boolean,
  change: Change,
): Decision<{ conversation: Conversation; item: AgendaItem }> {
  const found = editableItem(conversation, itemId);
  if (!found.ok) return found;
  const existing = found.value;
  const { discussedBy, discussedAt, ...rest } = existing;
  const item: AgendaItem = discussed
    ? { ...rest, discussed: true, discussedBy: change.by, discussedAt: change.at }
    : { ...rest, discussed: false };
  const agenda = conversation.agenda.map((entry) => (entry.id === itemId ? item : entry));
  return allow({ conversation: withRevisionChange({ ...conversation, agenda }, change, 'agenda.tick'), item });
}

/**
 * Either person writes what was said about an item: their own note under it (an empty text takes it
 * away). Each edits only their own note, so two people writing at once never overwrite each other.
 */
export function writeItemNote(
  conversation: Conversation,
  itemId: string,
  text: string,
  change: Change,
): Decision<{ conversation: Conversation; item: AgendaItem }> {
  const found = editableItem(conversation, itemId);
  if (!found.ok) return found;
  const existing = found.value;
  const others = (existing.notes ?? []).filter((note) => note.role !== change.role);
  const mine = text === '' ? [] : [{ role: change.role, by: change.by, at: change.at, text }];
  // Kept in a fixed order (the employee's first) so both people read them alike.
  const notes = [...others, ...mine].sort((a, b) => (a.role === b.role ? 0 : a.role === 'employee' ? -1 : 1));
  const { notes: _before, ...rest } = existing;
  const item: AgendaItem = notes.length > 0 ? { ...rest, notes } : rest;
  const agenda = conversation.agenda.map((entry) => (entry.id === itemId ? item : entry));
  return allow({ conversation: withRevisionChange({ ...conversation, agenda }, change, 'agenda.note'), item });
}

/**
 * In the review of earlier actions, either person proposes done, keep open or drop for any carried
 * action (null takes the proposal back). It takes effect only when both agree this conversation.
 */
export function proposeReview(
  conversation: Conversation,
  itemId: string,
  status: ActionStatus | null,
  change: Change,
): Decision<{ conversation: Conversation; item: AgendaItem }> {
  const found = editableItem(conversation, itemId);
  if (!found.ok) return found;
  const existing = found.value;
  if (!existing.carriedAction) {
    return refuse({
      code: 'notCarried',
      title: 'Only earlier actions take a proposal',
      detail: 'A status can be proposed for the actions carried from last time; this item is not one of them.',
      field: 'proposal',
    });
  }
  const { proposal, ...rest } = existing;
  const item: AgendaItem = status === null ? rest : { ...rest, proposal: { status, by: change.by, at: change.at } };
  if (proposal?.status === item.proposal?.status) return allow({ conversation, item: existing });
  const agenda = conversation.agenda.map((entry) => (entry.id === itemId ? item : entry));
  return allow({ conversation: withRevisionChange({ ...conversation, agenda }, change, 'review.propose'), item });
}

/** What a person says about a new action; the rest (id, status, who, when) the rules fill in. */
export type NewAction = Pick<Action, 'title' | 'owner' | 'learningKind' | 'dueDate' | 'focusArea'>;

/**
 * How many actions a draft holds now, and how many it ever had: the cap counts the first (a removed
 * action leaves room), the id numbers the second (a removed action's id is never given to another).
 */
export interface ActionTally {
  count: number;
  seq: number;
}

/** A new open action of a draft, numbered past every action it ever had. */
export function newAction(
  conversation: Conversation,
  tally: ActionTally,
  request: NewAction,
  change: Change,
): Decision<{ conversation: Conversation; action: Action }> {
  const violation = checkCanAddAction(conversation, tally.count) ?? checkActionShape(conversation.type, request);
  if (violation) return refuse(violation);
  const action: Action = {
    id: `a${tally.seq + 1}`,
    conversationId: conversation.id,
    conversationType: conversation.type,
    title: request.title,
    owner: request.owner,
    status: 'open',
    agreed: false,
    createdBy: change.by,
    createdAt: change.at,
  };
  if (request.learningKind) action.learningKind = request.learningKind;
  if (request.dueDate) action.dueDate = request.dueDate;
  if (request.focusArea) action.focusArea = request.focusArea;
  return allow({ conversation: withRevisionChange(conversation, change, 'action.add'), action });
}

/** An edit of an action: `null` clears an optional field, an absent field stays as it is. */
export type ActionEdit = { [K in 'title' | 'owner' | 'status']?: Action[K] | undefined } & {
  learningKind?: Action['learningKind'] | null;
  dueDate?: Action['dueDate'] | null;
  focusArea?: Action['focusArea'] | null;
};

const DRAFT_STATUSES: readonly ActionStatus[] = ['open', 'dropped'];

/**
 * While a draft, either person edits any action (title, owner, kind, due date) or drops it from the
 * proposal; the draft's revision moves on. Once agreed, the action is part of a record: only its
 * owner moves its status, and the conversation itself does not change (null).
 */
export function editAction(
  conversation: Conversation,
  before: Action,
  edit: ActionEdit,
  change: Change,
): Decision<{ conversation: Conversation | null; action: Action }> {
  const changesDetails =
    edit.title !== undefined ||
    edit.owner !== undefined ||
    edit.learningKind !== undefined ||
    edit.dueDate !== undefined ||
    edit.focusArea !== undefined;
  if (conversation.status === 'agreed') {
    if (changesDetails || edit.status === undefined) return refuse(agreedAlready(conversation));
    const moved = changeAgreedActionStatus(before, edit.status, change);
    return moved.ok ? allow({ conversation: null, action: moved.value }) : moved;
  }
  let after: Action = { ...before };
  if (edit.title !== undefined) after.title = edit.title;
  if (edit.owner !== undefined) after.owner = edit.owner;
  if (edit.learningKind === null) delete after.learningKind;
  else if (edit.learningKind !== undefined) after.learningKind = edit.learningKind;
  if (edit.dueDate === null) delete after.dueDate;
  else if (edit.dueDate !== undefined) after.dueDate = edit.dueDate;
  if (edit.focusArea === null) delete after.focusArea;
  else if (edit.focusArea !== undefined) after.focusArea = edit.focusArea;
  const shape = checkActionShape(conversation.type, after);
  if (shape) return refuse(shape);
  if (edit.status !== undefined) {
    if (!DRAFT_STATUSES.includes(edit.status)) {
      return refuse({
        code: 'invalidAction',
        title: 'Not agreed yet',
        detail: 'An action can be marked done once both of you have agreed the plan. Until then, keep it or drop it.',
        field: 'status',
      });
    }
    const unchanged = checkStatusChange(before, edit.status);
    if (unchanged && !changesDetails) return refuse(unchanged);
    if (!unchanged) after = { ...after, status: edit.status, statusChangedAt: change.at, statusChangedBy: change.by };
  }
  return allow({ conversation: withRevisionChange(conversation, change, 'action.change'), action: after });
}

/** While a draft, either person removes an action outright; the draft's revision moves on. */
export function removeAction(conversation: Conversation, change: Change): Decision<Conversation> {
  const frozen = checkEditable(conversation);
  if (frozen) return refuse(frozen);
  return allow(withRevisionChange(conversation, change, 'action.remove'));
}
