import type { TableEntity, TableEntityResult } from '@azure/data-tables';
import {
  ActionModel,
  ConversationModel,
  NextConversationModel,
  NudgePreferencesModel,
  PreparedPointModel,
  type Action,
  type ActionStatus,
  type Aspiration,
  type CareerPlanRecord,
  type Conversation,
  type LearningKind,
  type NextConversation,
  type Note,
  type NudgePreferences,
  type Owner,
  type PlanCounters,
  type PreparedPoint,
} from '../domain';
import {
  actionRow,
  conversationRow,
  noteRow,
  NUDGE_PREFERENCES_ROW,
  PREPARED_ROW,
  PROFILE_ROW,
  SCHEDULE_ROW,
  SUMMARY_ROW,
} from './keys';

/** What the store hands back: the domain object and the ETag to send with the next write. */
export interface Stored<T> {
  value: T;
  etag: string;
}

type Row = TableEntityResult<Record<string, unknown>>;

// A string property holds at most 32K UTF-16 units; longer JSON is split below that.
const CHUNK = 30_000;

function str(row: Row, name: string): string {
  const value = row[name];
  if (typeof value !== 'string') throw new Error(`Stored row ${row.rowKey} lacks ${name}.`);
  return value;
}

function optionalStr(row: Row, name: string): string | undefined {
  const value = row[name];
  return typeof value === 'string' ? value : undefined;
}

function num(row: Row, name: string): number {
  const value = row[name];
  return typeof value === 'number' ? value : 0;
}

export function kindOf(row: Row): string | undefined {
  return optionalStr(row, 'kind');
}

export function etagOf(row: { etag?: string }): string {
  if (!row.etag) throw new Error('Storage returned an entity without an ETag.');
  return row.etag;
}

/** Idempotency keys a conversation remembers, newest last; enough for any retry window. */
export const REMEMBERED_KEYS = 60;

/** Splits text over numbered properties `name0…` under the per-property limit, with the count in `nameParts`. */
function chunked(name: string, text: string): Record<string, string | number> {
  const chunks: Record<string, string | number> = {};
  let count = 0;
  for (; count * CHUNK < text.length; count += 1)
    chunks[`${name}${count}`] = text.slice(count * CHUNK, (count + 1) * CHUNK);
  chunks[`${name}Parts`] = count;
  return chunks;
}

function unchunked(row: Row, name: string): string {
  let text = '';
  for (let index = 0; index < num(row, `${name}Parts`); index += 1) text += str(row, `${name}${index}`);
  return text;
}

/** What the store keeps beside a conversation: counts and keys no person writes. */
export interface ConversationBookkeeping {
  /** How many actions the conversation ever had: the next action's number. */
  actionSeq: number;
  /** How many action rows it holds now (the cap counts these); null on rows from before it was kept. */
  actionCount: number | null;
  /** Idempotency key → what a create made with it (an item or action id, or "conversation"). */
  idempotencyKeys: Record<string, string>;
}

/**
 * A conversation row: the fields queries filter on as columns, the rest (agenda, revision,
 * confirmations, snapshot) as one JSON document, validated against the domain's model when read.
 */
export function conversationToEntity(
  partitionKey: string,
  conversation: Conversation,
  { actionSeq, actionCount, idempotencyKeys }: ConversationBookkeeping,
): TableEntity {
  const { id, employeeId, managerId, type, status, createdAt, agreedAt, ...document } = conversation;
  return {
    partitionKey,
    rowKey: conversationRow(id),
    kind: 'conversation',
    conversationId: id,
    employeeId,
    managerId,
    type,
    status,
    createdAt,
    agreedAt,
    ...chunked('doc', JSON.stringify(document)),
    actionSeq,
    // Left out while unknown (a row from before it was kept), so it is never stored wrong.
    ...(actionCount === null ? {} : { actionCount }),
    idempotencyKeys: JSON.stringify(Object.fromEntries(Object.entries(idempotencyKeys).slice(-REMEMBERED_KEYS))),
  };
}

export interface StoredConversation extends Stored<Conversation>, ConversationBookkeeping {}

export function conversationFromEntity(row: Row): StoredConversation {
  // Rows written before the document existed kept the agenda and authors as columns of their own.
  const document = (
    num(row, 'docParts') > 0
      ? JSON.parse(unchunked(row, 'doc'))
      : {
          agenda: JSON.parse(unchunked(row, 'agenda') || '[]'),
          createdBy: optionalStr(row, 'createdBy'),
          agreedBy: optionalStr(row, 'agreedBy'),
        }
  ) as Record<string, unknown>;
  const value = ConversationModel.parse({
    revision: 0,
    confirmations: [],
    ...document,
    id: str(row, 'conversationId'),
    employeeId: str(row, 'employeeId'),
    managerId: str(row, 'managerId'),
    type: str(row, 'type'),
    status: str(row, 'status'),
    createdAt: str(row, 'createdAt'),
    agreedAt: optionalStr(row, 'agreedAt'),
  });
  const keys = optionalStr(row, 'idempotencyKeys');
  return {
    value,
    etag: etagOf(row),
    actionSeq: num(row, 'actionSeq'),
    actionCount: typeof row.actionCount === 'number' ? row.actionCount : null,
    idempotencyKeys: keys ? (JSON.parse(keys) as Record<string, string>) : {},
  };
}

export function actionToEntity(partitionKey: string, action: Action): TableEntity {
  return {
    partitionKey,
    rowKey: actionRow(action.conversationId, action.id),
    kind: 'action',
    conversationId: action.conversationId,
    conversationType: action.conversationType,
    actionId: action.id,
    title: action.title,
    owner: action.owner,
    learningKind: action.learningKind,
    dueDate: action.dueDate,
    focusArea: action.focusArea,
    status: action.status,
    agreed: action.agreed,
    createdBy: action.createdBy,
    createdAt: action.createdAt,
    statusChangedAt: action.statusChangedAt,
    statusChangedBy: action.statusChangedBy,
    statusHistory: action.statusHistory ? JSON.stringify(action.statusHistory) : undefined,
  };
}

export function actionFromEntity(row: Row): Stored<Action> {
  const value: Action = {
    id: str(row, 'actionId'),
    conversationId: str(row, 'conversationId'),
    title: str(row, 'title'),
    owner: str(row, 'owner') as Owner,
    status: str(row, 'status') as ActionStatus,
    agreed: row.agreed === true,
    createdBy: str(row, 'createdBy'),
    createdAt: str(row, 'createdAt'),
  };
  const conversationType = optionalStr(row, 'conversationType');
  if (conversationType === 'job' || conversationType === 'career') value.conversationType = conversationType;
  const learningKind = optionalStr(row, 'learningKind');
  const dueDate = optionalStr(row, 'dueDate');
  const statusChangedAt = optionalStr(row, 'statusChangedAt');
  const statusChangedBy = optionalStr(row, 'statusChangedBy');
  if (learningKind) value.learningKind = learningKind as LearningKind;
  if (dueDate) value.dueDate = dueDate;
  const focusArea = optionalStr(row, 'focusArea');
  if (focusArea) value.focusArea = focusArea;
  if (statusChangedAt) value.statusChangedAt = statusChangedAt;
  if (statusChangedBy) value.statusChangedBy = statusChangedBy;
  const history = optionalStr(row, 'statusHistory');
  if (history) value.statusHistory = ActionModel.shape.statusHistory.unwrap().parse(JSON.parse(history));
  return { value, etag: etagOf(row) };
}

export function noteToEntity(partitionKey: string, note: Note): TableEntity {
  return {
    partitionKey,
    rowKey: noteRow(note.conversationId, note.authorId),
    kind: 'note',
    conversationId: note.conversationId,
    authorId: note.authorId,
    text: note.text,
    updatedAt: note.updatedAt,
  };
}

export function noteFromEntity(row: Row): Stored<Note> {
  return {
    value: {
      conversationId: str(row, 'conversationId'),
      authorId: str(row, 'authorId'),
      text: str(row, 'text'),
      updatedAt: str(row, 'updatedAt'),
    },
    etag: etagOf(row),
  };
}

export function careerPlanToEntity(partitionKey: string, plan: CareerPlanRecord): TableEntity {
  return {
    partitionKey,
    rowKey: PROFILE_ROW,
    kind: 'profile',
    aspiration: plan.aspiration ?? undefined,
    focusAreas: JSON.stringify(plan.focusAreas),
    careerScenario: plan.careerScenario ?? undefined,
    updatedAt: plan.updatedAt,
    updatedBy: plan.updatedBy,
  };
}

export function careerPlanFromEntity(row: Row): Stored<CareerPlanRecord> {
  return {
    value: {
      aspiration: (optionalStr(row, 'aspiration') as Aspiration | undefined) ?? null,
      focusAreas: JSON.parse(optionalStr(row, 'focusAreas') ?? '[]') as string[],
      careerScenario: optionalStr(row, 'careerScenario') ?? null,
      updatedAt: str(row, 'updatedAt'),
      updatedBy: str(row, 'updatedBy'),
    },
    etag: etagOf(row),
  };
}

export function preparedToEntity(partitionKey: string, points: readonly PreparedPoint[]): TableEntity {
  return { partitionKey, rowKey: PREPARED_ROW, kind: 'prepared', points: JSON.stringify(points) };
}

export function preparedFromEntity(row: Row): Stored<PreparedPoint[]> {
  return { value: PreparedPointModel.array().parse(JSON.parse(optionalStr(row, 'points') ?? '[]')), etag: etagOf(row) };
}

export function summaryToEntity(partitionKey: string, summary: PlanCounters): TableEntity {
  return {
    partitionKey,
    rowKey: SUMMARY_ROW,
    kind: 'summary',
    agreedConversations: summary.agreedConversations,
    lastAgreedJob: summary.lastAgreed.job ?? undefined,
    lastAgreedCareer: summary.lastAgreed.career ?? undefined,
    lastAgreedJobId: summary.lastAgreedIds.job ?? undefined,
    lastAgreedCareerId: summary.lastAgreedIds.career ?? undefined,
    draftJob: summary.drafts.job ?? undefined,
    draftCareer: summary.drafts.career ?? undefined,
    openEmployee: summary.openActions.employee,
    openManager: summary.openActions.manager,
    startedAt: summary.startedAt ?? undefined,
  };
}

export function summaryFromEntity(row: Row): Stored<PlanCounters> {
  return {
    value: {
      agreedConversations: num(row, 'agreedConversations'),
      lastAgreed: {
        job: optionalStr(row, 'lastAgreedJob') ?? null,
        career: optionalStr(row, 'lastAgreedCareer') ?? null,
      },
      lastAgreedIds: {
        job: optionalStr(row, 'lastAgreedJobId') ?? null,
        career: optionalStr(row, 'lastAgreedCareerId') ?? null,
      },
      drafts: { job: optionalStr(row, 'draftJob') ?? null, career: optionalStr(row, 'draftCareer') ?? null },
      openActions: { employee: num(row, 'openEmployee'), manager: num(row, 'openManager') },
      startedAt: optionalStr(row, 'startedAt') ?? null,
    },
    etag: etagOf(row),
  };
}

/** The next conversation's row; once cleared it holds no date (who cleared it is in the audit trail). */
export function scheduleToEntity(partitionKey: string, next: NextConversation | null): TableEntity {
  return {
    partitionKey,
    rowKey: SCHEDULE_ROW,
    kind: 'schedule',
    ...(next ? { date: next.date, type: next.type ?? undefined, by: next.by, role: next.role, at: next.at } : {}),
  };
}

export function scheduleFromEntity(row: Row): Stored<NextConversation | null> {
  const date = optionalStr(row, 'date');
  return {
    value: date
      ? NextConversationModel.parse({
          date,
          type: optionalStr(row, 'type') ?? null,
          by: str(row, 'by'),
          role: str(row, 'role'),
          at: str(row, 'at'),
        })
      : null,
    etag: etagOf(row),
  };
}

export function nudgePreferencesToEntity(partitionKey: string, preferences: NudgePreferences): TableEntity {
  return {
    partitionKey,
    rowKey: NUDGE_PREFERENCES_ROW,
    kind: 'nudgePreferences',
    preferences: JSON.stringify(preferences),
  };
}

/** Kinds added later default to on: a stored choice covers only what existed when it was made. */
export function nudgePreferencesFromEntity(row: Row): Stored<NudgePreferences> {
  return {
    value: NudgePreferencesModel.parse(JSON.parse(optionalStr(row, 'preferences') ?? '{}')),
    etag: etagOf(row),
  };
}
