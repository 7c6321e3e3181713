import { ExpiringCache } from '../cache/expiring-cache';
import {
  odata,
  type TableEntity,
  type TableEntityResult,
  type TableTransactionResponse,
  type TransactionAction,
} from '@azure/data-tables';
import {
  carriedActionRefs,
  emptyCounters,
  type Action,
  type AuditEntry,
  type CareerPlanRecord,
  type CarriedActionRef,
  type Conversation,
  type ConversationType,
  type DraftsToMove,
  type NextConversation,
  type Note,
  type NudgePreferences,
  type PlanCounters,
  type PreparedPoint,
} from '../domain';
import {
  EntityExistsError,
  EntityNotFoundError,
  StaleEtagError,
  isAlreadyExists,
  isNotFound,
  isPreconditionFailure,
  translateWriteError,
} from './errors';
import {
  CLOCK_ROW,
  HISTORY_RANGE,
  NUDGE_PREFERENCES_ROW,
  PROFILE_ROW,
  SUMMARY_ROW,
  PREPARED_ROW,
  SCHEDULE_ROW,
  actionRow,
  conversationRange,
  conversationRow,
  isOwnSettingsRow,
  linkRowInPlan,
  noteRow,
} from './keys';
import {
  actionFromEntity,
  preparedFromEntity,
  preparedToEntity,
  actionToEntity,
  careerPlanFromEntity,
  careerPlanToEntity,
  conversationFromEntity,
  etagOf,
  conversationToEntity,
  kindOf,
  noteFromEntity,
  noteToEntity,
  nudgePreferencesFromEntity,
  nudgePreferencesToEntity,
  scheduleFromEntity,
  scheduleToEntity,
  summaryFromEntity,
  summaryToEntity,
  type Stored,
  type StoredConversation,
} from './mapping';
import { auditEntity } from './audit-store';
import { RecentRows } from './recent-rows';
import type { Tables } from './tables';

type Row = TableEntityResult<Record<string, unknown>>;

export interface ConversationBundle {
  conversation: StoredConversation;
  actions: Stored<Action>[];
  myNote: Stored<Note> | null;
}

/** Every row of a plan that its viewer may see (other people's notes never leave storage). */
export interface WholePlan {
  careerPlan: Stored<CareerPlanRecord> | null;
  conversations: StoredConversation[];
  actions: Stored<Action>[];
  notes: Stored<Note>[];
}

export interface HistoryPageRecord {
  conversations: StoredConversation[];
  actions: Stored<Action>[];
  /** The id of the last conversation on this page when more follow; the next page starts after it. */
  continueAfter: string | null;
}

/** Turns the counters' new state into the one to store; may throw to refuse the whole write. */
export type CountersChange = (summary: PlanCounters) => PlanCounters;

/** What a write to a conversation must find: the version the caller read, unless it is a retry of a create that succeeded. */
export interface WriteCondition {
  ifMatch: string | null;
  idempotencyKey?: string | null;
}

/** A decided change of a conversation, written in one transaction with its audit entry. */
export interface ConversationWrite<T> {
  conversation: Conversation;
  /** A new action, created with the conversation's next action number. */
  newAction?: Action;
  /** An action the change removes from the draft. */
  removedActionId?: string;
  /** The idempotency key of a create, with the id of what it made, so a retry finds it. */
  madeWith?: { key: string; id: string };
  audit: AuditEntry;
  result: T;
}

/** What `changeConversation` decides: a change to write, or (a retry of a create) what the first request made. */
export type ConversationDecision<T> = ConversationWrite<T> | { replay: T };

/** A conversation as a change is decided on: with the number of actions it holds, counted if the row did not say. */
export type CountedConversation = StoredConversation & { actionCount: number };

/** A decided change of one action: a draft's action with the draft's new revision, or an agreed action's status. */
export interface ActionWrite<T> {
  action: Action;
  /** The draft's new revision, written with the action; absent for an agreed action. */
  conversation?: Conversation;
  /** How the plan's counters move (an agreed action's status change). */
  counters?: CountersChange | null;
  /** The open drafts that show the action (their review lists it), moved on in the same transaction. */
  drafts?: DraftsToMove;
  audit: AuditEntry;
  result: T;
}

export interface ChangeOutcome<T> {
  result: T;
  /** The conversation as stored after the change, with its new ETag. */
  conversation: StoredConversation;
  /** The ETag of the action the change created or changed. */
  actionEtag?: string;
  /** Other open drafts the change moved on (they show what it changed), as stored after it. */
  movedDrafts?: StoredConversation[];
}

/** The plan's own rows, beside its conversations: they sort together, so one ranged query reads them. */
export interface PlanRows {
  careerPlan: Stored<CareerPlanRecord> | null;
  summary: Stored<PlanCounters> | null;
  prepared: Stored<PreparedPoint[]> | null;
  /** The next conversation's row: null before anyone set one; its value null once cleared. */
  nextConversation: Stored<NextConversation | null> | null;
}

/** Everything a conversation view is built from, read in one query (see `readConversationView`). */
export interface ConversationViewRows {
  bundle: ConversationBundle;
  plan: PlanRows;
  /**
   * The plan's clock as it stood when the rows were read (null before the first write), or undefined
   * when the answer came in more than one page and so from no single snapshot.
   */
  clock: string | null | undefined;
  /** The earlier actions the review lists, as they stand now. */
  carried: Stored<Action>[];
}

/** Everything an agreement is decided on, read in one parallel round. */
export interface AgreementContext {
  bundle: ConversationBundle;
  /** The earlier actions this conversation reviews. */
  carried: Stored<Action>[];
  /** The last agreed conversation of the same type, whose snapshot the changes are counted from. */
  previous: StoredConversation | null;
  careerPlan: Stored<CareerPlanRecord> | null;
  summary: Stored<PlanCounters> | null;
  nextConversation: Stored<NextConversation | null> | null;
}

const SUMMARY_RETRIES = 8;
/** Rows per page when reading a conversation with the history it reviews: one request for a usual plan. */
const AGREEMENT_PAGE = 200;

/** A short random pause before trying a server-owned row again, so writers that collided spread out. */
function backOff(attempt: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, Math.random() * 10 * (attempt + 1));
  });
}

/** Freezes a value and everything in it, so a shared copy cannot be changed by whoever holds it. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** The key range that holds every conversation the references point into (conversation ids sort newest first). */
function carriedRange(refs: readonly CarriedActionRef[]): { from: string; to: string } | null {
  const ids = refs.map((ref) => ref.conversationId).sort();
  const [first, last] = [ids[0], ids.at(-1)];
  if (first === undefined || last === undefined) return null;
  return { from: conversationRange(first).from, to: conversationRange(last).to };
}

/** Sub-responses come in the order of the batch; update responses carry no row key, so position is the link. */
function etagAt(result: TableTransactionResponse, index: number): string {
  const etag = result.subResponses[index]?.etag;
  if (!etag) throw new Error(`Storage returned no ETag for operation ${index} of a transaction.`);
  return etag;
}

function planRowsFrom(rows: readonly Row[]): PlanRows {
  const find = (kind: string) => rows.find((row) => kindOf(row) === kind);
  const [profile, summary, prepared, schedule] = ['profile', 'summary', 'prepared', 'schedule'].map(find);
  return {
    careerPlan: profile ? careerPlanFromEntity(profile) : null,
    summary: summary ? summaryFromEntity(summary) : null,
    prepared: prepared ? preparedFromEntity(prepared) : null,
    nextConversation: schedule ? scheduleFromEntity(schedule) : null,
  };
}

/** Everything stored about employees' plans: one partition per employee. */
export class PlanStore {
  /** Rows this process last read or wrote: a write under a remembered ETag needs no read first. */
  private readonly recent = new RecentRows();
  /**
   * Which earlier actions each conversation seen here carries (its review items). They are fixed when
   * the conversation is made (only talking points are ever removed), so knowing them lets a view read
   * the carried actions beside the conversation instead of after it. Bounded; an hour at most.
   */
  private readonly carried = new ExpiringCache<CarriedActionRef[]>({
    maxEntries: 10_000,
    now: Date.now,
  });

  private rememberCarried(partitionKey: string, conversation: Conversation): void {
    this.carried.set(`${partitionKey}|${conversation.id}`, carriedActionRefs(conversation), Date.now() + 3_600_000);
  }

  /** The carried actions' references of a conversation this process has read or made, or undefined. */
  private knownCarried(partitionKey: string, conversationId: string): readonly CarriedActionRef[] | undefined {
    return this.carried.get(`${partitionKey}|${conversationId}`);
  }

  /**
   * Conversation rows already checked against the domain's model, by version: an ETag names one
   * version of a row, so each is parsed and validated once per instance instead of on every view that
   * reads it. Frozen, so no caller can change what the next one is handed.
   */
  private readonly conversations = new ExpiringCache<StoredConversation>({ maxEntries: 2_000, now: Date.now });

  private conversationOf(row: Row): StoredConversation {
    const key = `${row.partitionKey ?? ''}\n${row.rowKey ?? ''}\n${etagOf(row)}`;
    const known = this.conversations.get(key);
    if (known) return known;
    const parsed = deepFreeze(conversationFromEntity(row));
    this.conversations.set(key, parsed, Date.now() + 3_600_000);
    return parsed;
  }

  constructor(private readonly tables: Tables) {}

  private async query(filter: string, maxRows = Number.POSITIVE_INFINITY): Promise<Row[]> {
    return (await this.queryPages(filter, maxRows)).rows;
  }

  /** A query's rows and how many pages (requests) they came in. */
  private async queryPages(
    filter: string,
    maxRows = Number.POSITIVE_INFINITY,
  ): Promise<{ rows: Row[]; pages: number }> {
    const rows: Row[] = [];
    let pages = 0;
    const answers = this.tables.plans.listEntities({ queryOptions: { filter } }).byPage({
      maxPageSize: Number.isFinite(maxRows) ? Math.min(maxRows, 1000) : 1000,
    });
    for await (const page of answers) {
      pages += 1;
      rows.push(...page);
      if (rows.length >= maxRows) break;
    }
    for (const row of rows) this.recent.remember(row);
    return { rows: rows.slice(0, maxRows), pages };
  }

  private async pointRead(partitionKey: string, rowKey: string): Promise<Row | null> {
    try {
      const row = await this.tables.plans.getEntity(partitionKey, rowKey);
      this.recent.remember(row);
      return row;
    } catch (error) {
      if (isNotFound(error)) {
        this.recent.forget(partitionKey, rowKey);
        return null;
      }
      throw error;
    }
  }

  /** The row as this process last saw it, when that is the version `etag` names (any version without one). */
  private remembered(partitionKey: string, rowKey: string, etag?: string | null): Row | undefined {
    const row = this.recent.get(partitionKey, rowKey);
    return row && (etag === undefined || etag === null || row.etag === etag) ? row : undefined;
  }

  /**
   * Submits one entity group transaction. Every write to a plan also moves the plan's clock row, whose
   * ETag is the validator an unchanged poll checks with one point read. What was written is
   * remembered with its new ETag; after a failure the batch's rows are forgotten, to be read again.
   */
  private async transact(partitionKey: string, operations: TransactionAction[]): Promise<TableTransactionResponse> {
    const clock: TransactionAction = ['upsert', { partitionKey, rowKey: CLOCK_ROW, kind: 'clock' }, 'Replace'];
    const batch = [...operations, clock];
    try {
      const result = await this.tables.plans.submitTransaction(batch);
      batch.forEach(([verb, entity], index) => {
        const etag = result.subResponses[index]?.etag;
        if (verb === 'delete' || !etag) this.recent.forget(partitionKey, entity.rowKey);
        else this.recent.written(entity, etag);
      });
      return result;
    } catch (error) {
      for (const [, entity] of batch) this.recent.forget(partitionKey, entity.rowKey);
      throw error;
    }
  }

  /** The validator of everything stored in the plan: it changes with every write. Null before the first. */
  async readClock(partitionKey: string): Promise<string | null> {
    const row = await this.pointRead(partitionKey, CLOCK_ROW);
    return row?.etag ?? null;
  }

  async readCareerPlan(partitionKey: string): Promise<Stored<CareerPlanRecord> | null> {
    const row = await this.pointRead(partitionKey, PROFILE_ROW);
    return row ? careerPlanFromEntity(row) : null;
  }

  /** The talking points prepared for the next conversation: one point read. */
  async readPrepared(partitionKey: string): Promise<Stored<PreparedPoint[]> | null> {
    const row = await this.pointRead(partitionKey, PREPARED_ROW);
    return row ? preparedFromEntity(row) : null;
  }

  /**
   * Changes the prepared points with `decide`, which sees the current list (and may throw to refuse),
   * with its audit entry. Both people may prepare at once: when the list moved underneath, the change
   * is decided again on the new list, so nothing either wrote is lost.
   */
  async updatePrepared(
    partitionKey: string,
    decide: (points: PreparedPoint[]) => PreparedPoint[],
    audit: AuditEntry,
  ): Promise<Stored<PreparedPoint[]>> {
    for (let attempt = 0; attempt < SUMMARY_RETRIES; attempt += 1) {
      const current = await this.readPrepared(partitionKey);
      const next = decide(current?.value ?? []);
      const entity = preparedToEntity(partitionKey, next);
      const write: TransactionAction = current
        ? ['update', entity, 'Replace', { etag: current.etag }]
        : ['create', entity];
      try {
        const result = await this.transact(partitionKey, [write, ['create', auditEntity(partitionKey, audit)]]);
        return { value: next, etag: etagAt(result, 0) };
      } catch (error) {
        if (!isPreconditionFailure(error) && !isAlreadyExists(error)) throw error;
        await backOff(attempt);
      }
    }
    throw new StaleEtagError('prepared talking points');
  }

  /**
   * The plan's own rows in one ranged query: what is prepared, the career plan, the next
   * conversation and the counters (`prepared` … `summary` sort together, nothing else between them).
   */
  async readPlanRows(partitionKey: string): Promise<PlanRows> {
    const rows = await this.query(
      odata`PartitionKey eq ${partitionKey} and RowKey ge ${PREPARED_ROW} and RowKey le ${SUMMARY_ROW}`,
    );
    return planRowsFrom(rows);
  }

  async readSummary(partitionKey: string): Promise<Stored<PlanCounters> | null> {
    const row = await this.pointRead(partitionKey, SUMMARY_ROW);
    return row ? summaryFromEntity(row) : null;
  }

  /**
   * Everything a conversation view shows, in one query: the plan's clock, the plan's own rows, the
   * conversation with its actions and the viewer's own note, and — once this process has seen the
   * conversation, or the caller knows which earlier actions it reviews (`carriedHint`, a meeting link keeps
   * them) — the conversations those came from; otherwise they are read in a second query after it. A query
   * within one partition answers each page from one snapshot, so the clock read with the rows is a
   * validator that cannot be newer than them. The filter holds at most 11 of the 15 comparisons
   * storage allows; naming rows with `or` makes storage scan the partition, which is one person's plan.
   */
  async readConversationView(
    partitionKey: string,
    conversationId: string,
    viewerId: string,
    carriedHint?: readonly CarriedActionRef[],
  ): Promise<ConversationViewRows | null> {
    const own = conversationRange(conversationId);
    const known = this.knownCarried(partitionKey, conversationId) ?? carriedHint;
    const hinted = known ? carriedRange(known) : null;
    const filter = hinted
      ? odata`PartitionKey eq ${partitionKey} and (RowKey eq ${CLOCK_ROW} or (RowKey ge ${PREPARED_ROW} and RowKey le ${SUMMARY_ROW}) or (RowKey ge ${own.from} and RowKey lt ${own.to} and (kind ne 'note' or authorId eq ${viewerId})) or (RowKey ge ${hinted.from} and RowKey lt ${hinted.to} and kind eq 'action'))`
      : odata`PartitionKey eq ${partitionKey} and (RowKey eq ${CLOCK_ROW} or (RowKey ge ${PREPARED_ROW} and RowKey le ${SUMMARY_ROW}) or (RowKey ge ${own.from} and RowKey lt ${own.to} and (kind ne 'note' or authorId eq ${viewerId})))`;
    const { rows, pages } = await this.queryPages(filter);
    const inConversation = rows.filter((row) => (row.rowKey ?? '') >= own.from && (row.rowKey ?? '') < own.to);
    const conversationEntity = inConversation.find((row) => kindOf(row) === 'conversation');
    if (!conversationEntity) return null;
    const note = inConversation.find((row) => kindOf(row) === 'note' && row.authorId === viewerId);
    const conversation = this.conversationOf(conversationEntity);
    this.rememberCarried(partitionKey, conversation.value);
    const refs = carriedActionRefs(conversation.value);
    const needed = carriedRange(refs);
    // The query read every action in the hinted range: it holds the review's actions when their range lies inside it.
    const covered = !needed || (hinted !== null && needed.from >= hinted.from && needed.to <= hinted.to);
    const wanted = new Set(refs.map((ref) => actionRow(ref.conversationId, ref.actionId)));
    const clockRow = rows.find((row) => row.rowKey === CLOCK_ROW);
    return {
      bundle: {
        conversation,
        actions: inConversation.filter((row) => kindOf(row) === 'action').map(actionFromEntity),
        myNote: note ? noteFromEntity(note) : null,
      },
      plan: planRowsFrom(rows),
      clock: pages > 1 ? undefined : (clockRow?.etag ?? null),
      // Read after the query only when the caller did not know which they are, or knew wrong.
      carried: covered
        ? rows.filter((row) => wanted.has(row.rowKey ?? '')).map(actionFromEntity)
        : await this.readActionsFrom(partitionKey, refs),
    };
  }

  /** How many action rows a conversation holds: for a row from before the count was kept on it. */
  private async countActions(partitionKey: string, conversationId: string): Promise<number> {
    const { from, to } = conversationRange(conversationId);
    const rows = await this.query(
      odata`PartitionKey eq ${partitionKey} and RowKey ge ${from} and RowKey lt ${to} and kind eq 'action'`,
    );
    return rows.length;
  }

  /** Whether the conversation exists: no read when this process has seen it (conversations are only removed with their plan). */
  async conversationExists(partitionKey: string, conversationId: string): Promise<boolean> {
    const rowKey = conversationRow(conversationId);
    return this.remembered(partitionKey, rowKey) !== undefined || (await this.pointRead(partitionKey, rowKey)) !== null;
  }

  async readConversation(partitionKey: string, conversationId: string): Promise<StoredConversation | null> {
    const row = await this.pointRead(partitionKey, conversationRow(conversationId));
    return row ? this.conversationOf(row) : null;
  }

  async readAction(partitionKey: string, conversationId: string, actionId: string): Promise<Stored<Action> | null> {
    const row = await this.pointRead(partitionKey, actionRow(conversationId, actionId));
    return row ? actionFromEntity(row) : null;
  }

  /**
   * Earlier actions a conversation reviews, read in one ranged query that spans the conversations
   * they came from (conversation ids sort newest first).
   */
  private async readActionsFrom(partitionKey: string, refs: readonly CarriedActionRef[]): Promise<Stored<Action>[]> {
    const range = carriedRange(refs);
    if (!range) return [];
    const { from, to } = range;
    const wanted = new Set(refs.map((ref) => actionRow(ref.conversationId, ref.actionId)));
    const rows = await this.query(
      odata`PartitionKey eq ${partitionKey} and RowKey ge ${from} and RowKey lt ${to} and kind eq 'action'`,
    );
    return rows.filter((row) => wanted.has(row.rowKey ?? '')).map(actionFromEntity);
  }

  /** Agreed actions still open, newest first: what the next conversation carries forward. */
  async readOpenAgreedActions(partitionKey: string): Promise<Stored<Action>[]> {
    const rows = await this.query(
      odata`PartitionKey eq ${partitionKey} and RowKey ge ${HISTORY_RANGE.from} and RowKey lt ${HISTORY_RANGE.to} and kind eq 'action' and agreed eq true and status eq 'open'`,
    );
    return rows.map(actionFromEntity);
  }

  /**
   * A page of history, newest first, in one ranged query: each conversation's actions sort right
   * after it, so conversations and their actions come back together. Reading stops at the first
   * conversation past the page, which is how we know more follow.
   */
  async readHistoryPage(
    partitionKey: string,
    options: { type?: ConversationType | undefined; pageSize: number; after?: string | undefined },
  ): Promise<HistoryPageRecord> {
    const from = options.after ? conversationRange(options.after).to : HISTORY_RANGE.from;
    const filter = options.type
      ? odata`PartitionKey eq ${partitionKey} and RowKey ge ${from} and RowKey lt ${HISTORY_RANGE.to} and ((kind eq 'conversation' and type eq ${options.type}) or kind eq 'action')`
      : odata`PartitionKey eq ${partitionKey} and RowKey ge ${from} and RowKey lt ${HISTORY_RANGE.to} and (kind eq 'conversation' or kind eq 'action')`;
    const conversations: StoredConversation[] = [];
    const actionRows: Row[] = [];
    let continueAfter: string | null = null;
    // Room for a page of conversations with a few actions each: one request for a typical page.
    const pages = this.tables.plans
      .listEntities({ queryOptions: { filter } })
      .byPage({ maxPageSize: options.pageSize * 8 });
    reading: for await (const page of pages) {
      for (const row of page) {
        if (kindOf(row) === 'conversation') {
          if (conversations.length === options.pageSize) {
            continueAfter = conversations.at(-1)?.value.id ?? null;
            break reading;
          }
          conversations.push(this.conversationOf(row));
        } else {
          actionRows.push(row);
        }
      }
    }
    const onPage = new Set(conversations.map((conversation) => conversation.value.id));
    const actions = actionRows.map(actionFromEntity).filter((action) => onPage.has(action.value.conversationId));
    return { conversations, actions, continueAfter };
  }

  /**
   * Writes `actions` and the plan's counters in one transaction. The counters are server-owned,
   * so when only they moved underneath us the write is tried again with their new state; when one
   * of the caller's entities moved, the caller learns it through StaleEtagError.
   *
   * With `drafts`, the change is one that open drafts show (the career plan, an earlier action their
   * review lists): the drafts the counters name are read, and those that show it are written at their
   * next revision in the same transaction, each under its ETag. The counters are written under theirs
   * whatever happens to them, so a draft started meanwhile fails the write, which is then decided
   * again with it; a draft changed meanwhile likewise. A draft this batch writes already is left out.
   */
  private async transactWithSummary(
    partitionKey: string,
    actions: TransactionAction[],
    change: CountersChange,
    what: string,
    /** When the change is made: a plan without counters yet starts then. */
    at: string,
    /** The counters as the caller read them, or as this process last saw them: tried first without a read. */
    known?: Stored<PlanCounters> | null,
    drafts?: DraftsToMove,
  ): Promise<{ result: TableTransactionResponse; counters: PlanCounters; movedDrafts: StoredConversation[] }> {
    const rememberedRow = this.remembered(partitionKey, SUMMARY_ROW);
    let first = known !== undefined ? known : rememberedRow ? summaryFromEntity(rememberedRow) : undefined;
    const inBatch = new Set(actions.map(([, entity]) => entity.rowKey));
    for (let attempt = 0; attempt < SUMMARY_RETRIES; attempt += 1) {
      const current = first !== undefined ? first : await this.readSummary(partitionKey);
      first = undefined;
      const counters = change(current?.value ?? emptyCounters(at));
      const next = summaryToEntity(partitionKey, counters);
      const summaryAction: TransactionAction = current
        ? ['update', next, 'Replace', { etag: current.etag }]
        : ['create', next];
      const shown = drafts
        ? await this.openDrafts(partitionKey, current?.value ?? null, drafts, inBatch, attempt === 0)
        : [];
      const moved = this.movedOn(shown, drafts);
      const draftActions = moved.map((draft): TransactionAction => [
        'update',
        this.conversationEntity(partitionKey, draft),
        'Replace',
        { etag: draft.etag },
      ]);
      try {
        const result = await this.transact(partitionKey, [...actions, ...draftActions, summaryAction]);
        const movedDrafts = moved.map((draft, index) => ({ ...draft, etag: etagAt(result, actions.length + index) }));
        return { result, counters, movedDrafts };
      } catch (error) {
        if (!isPreconditionFailure(error) && !isAlreadyExists(error)) throw error;
        const [after, ...draftsNow] = await Promise.all([
          this.readSummary(partitionKey),
          ...moved.map((draft) => this.readConversation(partitionKey, draft.value.id)),
        ]);
        const draftMoved = moved.some((draft, index) => draftsNow[index]?.etag !== draft.etag);
        if ((after?.etag ?? null) !== (current?.etag ?? null) || draftMoved) {
          await backOff(attempt);
          continue;
        }
        translateWriteError(error, what);
      }
    }
    throw new StaleEtagError(what);
  }

  /**
   * The plan's open drafts of the types `drafts` names, as the counters list them: remembered
   * versions first (a stale one fails the conditional write and is read again), else point reads.
   */
  private async openDrafts(
    partitionKey: string,
    counters: PlanCounters | null,
    drafts: DraftsToMove,
    inBatch: ReadonlySet<string | undefined>,
    rememberedFirst: boolean,
  ): Promise<StoredConversation[]> {
    const ids = drafts.types
      .map((type) => counters?.drafts[type] ?? null)
      .filter((id): id is string => id !== null && !inBatch.has(conversationRow(id)));
    const read = await Promise.all(
      ids.map(async (id) => {
        const remembered = rememberedFirst ? this.remembered(partitionKey, conversationRow(id)) : undefined;
        return remembered ? this.conversationOf(remembered) : await this.readConversation(partitionKey, id);
      }),
    );
    return read.filter((draft): draft is StoredConversation => draft !== null);
  }

  /** Of the drafts read, those the rules move on, at their next revision (under the ETag they were read with). */
  private movedOn(shown: readonly StoredConversation[], drafts: DraftsToMove | undefined): StoredConversation[] {
    if (!drafts || shown.length === 0) return [];
    const byId = new Map(shown.map((draft) => [draft.value.id, draft]));
    return drafts.move(shown.map((draft) => draft.value)).flatMap((value) => {
      const stored = byId.get(value.id);
      return stored ? [{ ...stored, value }] : [];
    });
  }

  /**
   * Reads a conversation, lets `decide` change it, and writes the change with its audit entry in one
   * transaction. When this process remembers the version the caller holds (its If-Match), nothing is
   * read first; a remembered version that changed elsewhere fails the conditional write and is read
   * again and decided once more. A version the caller did not hold is StaleEtagError.
   */
  async changeConversation<T>(
    partitionKey: string,
    conversationId: string,
    condition: WriteCondition,
    decide: (current: CountedConversation) => ConversationDecision<T>,
  ): Promise<ChangeOutcome<T>> {
    const rowKey = conversationRow(conversationId);
    const rememberedRow = this.remembered(partitionKey, rowKey, condition.ifMatch);
    if (rememberedRow) {
      try {
        return await this.decideAndWrite(partitionKey, this.conversationOf(rememberedRow), condition, decide);
      } catch {
        // A remembered version may be older than storage's: a lost write, and equally a refusal decided on
        // it (nothing to take back, say), is decided again on the version read now.
      }
    }
    const row = await this.pointRead(partitionKey, rowKey);
    if (!row) throw new EntityNotFoundError('conversation');
    return this.decideAndWrite(partitionKey, this.conversationOf(row), condition, decide);
  }

  private async decideAndWrite<T>(
    partitionKey: string,
    stored: StoredConversation,
    condition: WriteCondition,
    decide: (current: CountedConversation) => ConversationDecision<T>,
  ): Promise<ChangeOutcome<T>> {
    const key = condition.idempotencyKey ?? null;
    const retryOfDone = key !== null && key in stored.idempotencyKeys;
    if (condition.ifMatch !== null && condition.ifMatch !== stored.etag && !retryOfDone) {
      throw new StaleEtagError('conversation');
    }
    // A row from before the count was kept is counted once; the write below keeps the count from then on.
    const actionCount = stored.actionCount ?? (await this.countActions(partitionKey, stored.value.id));
    const current: CountedConversation = { ...stored, actionCount };
    const decision = decide(current);
    if ('replay' in decision) return { result: decision.replay, conversation: current };
    const idempotencyKeys = decision.madeWith
      ? { ...current.idempotencyKeys, [decision.madeWith.key]: decision.madeWith.id }
      : current.idempotencyKeys;
    const next: StoredConversation = {
      value: decision.conversation,
      etag: current.etag,
      actionSeq: current.actionSeq + (decision.newAction ? 1 : 0),
      actionCount: actionCount + (decision.newAction ? 1 : 0) - (decision.removedActionId ? 1 : 0),
      idempotencyKeys,
    };
    const operations: TransactionAction[] = [
      ['update', this.conversationEntity(partitionKey, next), 'Replace', { etag: current.etag }],
    ];
    if (decision.newAction) operations.push(['create', actionToEntity(partitionKey, decision.newAction)]);
    if (decision.removedActionId) {
      // A batch delete takes no ETag; the conversation's conditional update guards the whole batch, since
      // every change to a draft's action also writes the conversation. A missing action fails the batch.
      operations.push(['delete', { partitionKey, rowKey: actionRow(current.value.id, decision.removedActionId) }]);
    }
    operations.push(['create', auditEntity(partitionKey, decision.audit)]);
    const result = await this.submit(partitionKey, operations, decision.removedActionId ? 'action' : 'conversation');
    return {
      result: decision.result,
      conversation: { ...next, etag: etagAt(result, 0) },
      ...(decision.newAction ? { actionEtag: etagAt(result, 1) } : {}),
    };
  }

  /**
   * Reads an action and its conversation, lets `decide` change the action, and writes it: a draft's
   * action with the draft's new revision, an agreed action with the plan's counters. The action must
   * be the version the caller holds (`ifMatch`); remembered versions are tried first, as above.
   */
  async changeAction<T>(
    partitionKey: string,
    conversationId: string,
    actionId: string,
    ifMatch: string,
    decide: (conversation: StoredConversation, action: Stored<Action>) => ActionWrite<T>,
  ): Promise<ChangeOutcome<T>> {
    const actionKey = actionRow(conversationId, actionId);
    const conversationKey = conversationRow(conversationId);
    const rememberedAction = this.remembered(partitionKey, actionKey, ifMatch);
    const rememberedConversation = this.remembered(partitionKey, conversationKey);
    if (rememberedAction && rememberedConversation) {
      try {
        return await this.writeAction(
          partitionKey,
          this.conversationOf(rememberedConversation),
          actionFromEntity(rememberedAction),
          ifMatch,
          decide,
        );
      } catch {
        // As above: whatever the remembered versions led to is decided again on what storage holds now.
      }
    }
    const [actionRowRead, conversationRowRead] = await Promise.all([
      this.pointRead(partitionKey, actionKey),
      this.pointRead(partitionKey, conversationKey),
    ]);
    if (!actionRowRead || !conversationRowRead) throw new EntityNotFoundError('action');
    return this.writeAction(
      partitionKey,
      this.conversationOf(conversationRowRead),
      actionFromEntity(actionRowRead),
      ifMatch,
      decide,
    );
  }

  private async writeAction<T>(
    partitionKey: string,
    conversation: StoredConversation,
    action: Stored<Action>,
    ifMatch: string,
    decide: (conversation: StoredConversation, action: Stored<Action>) => ActionWrite<T>,
  ): Promise<ChangeOutcome<T>> {
    if (action.etag !== ifMatch) throw new StaleEtagError('action');
    const change = decide(conversation, action);
    const operations: TransactionAction[] = [
      ['update', actionToEntity(partitionKey, change.action), 'Replace', { etag: action.etag }],
    ];
    const next: StoredConversation | null = change.conversation
      ? { ...conversation, value: change.conversation }
      : null;
    if (next) operations.push(['update', this.conversationEntity(partitionKey, next), 'Replace', { etag: next.etag }]);
    operations.push(['create', auditEntity(partitionKey, change.audit)]);
    const what = next ? 'conversation' : 'action';
    // The counters' row is in the batch whenever drafts may move: it is what names them (see transactWithSummary).
    const withSummary =
      change.counters || change.drafts
        ? await this.transactWithSummary(
            partitionKey,
            operations,
            change.counters ?? ((counters) => counters),
            what,
            change.audit.at,
            undefined,
            change.drafts,
          )
        : { result: await this.submit(partitionKey, operations, what), movedDrafts: [] };
    const { result, movedDrafts } = withSummary;
    return {
      result: change.result,
      conversation: next ? { ...next, etag: etagAt(result, 1) } : conversation,
      actionEtag: etagAt(result, 0),
      movedDrafts,
    };
  }

  /**
   * What an agreement is decided on, in one parallel round of two queries: the conversation with
   * the history it reviews (its rows, then earlier ones newest first, until the previous agreed
   * conversation of its type and every carried action have been seen), and the career plan with
   * the plan's counters (adjacent rows). The rare plan whose reviewed rows lie further back than a
   * page costs one more round.
   */
  async readAgreementContext(
    partitionKey: string,
    conversationId: string,
    viewerId: string,
  ): Promise<AgreementContext | null> {
    const from = conversationRow(conversationId);
    const history = this.tables.plans
      .listEntities({
        queryOptions: {
          filter: odata`PartitionKey eq ${partitionKey} and RowKey ge ${from} and RowKey lt ${HISTORY_RANGE.to} and (kind ne 'note' or authorId eq ${viewerId})`,
        },
      })
      .byPage({ maxPageSize: AGREEMENT_PAGE });
    const [rows, planRows] = await Promise.all([
      this.readUntilReviewed(history, conversationId),
      this.query(odata`PartitionKey eq ${partitionKey} and RowKey ge ${PROFILE_ROW} and RowKey le ${SUMMARY_ROW}`),
    ]);
    const own = conversationRange(conversationId);
    const mine = rows.filter((row) => (row.rowKey ?? '') < own.to);
    const ownRow = mine.find((row) => kindOf(row) === 'conversation');
    if (!ownRow) return null;
    const note = mine.find((row) => kindOf(row) === 'note' && row.authorId === viewerId);
    const conversation = this.conversationOf(ownRow);
    const { careerPlan, summary, nextConversation } = planRowsFrom(planRows);

    const refs = carriedActionRefs(conversation.value);
    const wanted = new Set(refs.map((ref) => actionRow(ref.conversationId, ref.actionId)));
    let carried = rows.filter((row) => wanted.has(row.rowKey ?? '')).map(actionFromEntity);
    if (carried.length < wanted.size) carried = await this.readActionsFrom(partitionKey, refs);
    const previousId = summary?.value.lastAgreedIds[conversation.value.type] ?? null;
    let previous: StoredConversation | null = null;
    if (previousId && previousId !== conversationId) {
      const seen = rows.find((row) => row.rowKey === conversationRow(previousId));
      previous = seen ? this.conversationOf(seen) : await this.readConversation(partitionKey, previousId);
    }
    return {
      bundle: {
        conversation,
        actions: mine.filter((row) => kindOf(row) === 'action').map(actionFromEntity),
        myNote: note ? noteFromEntity(note) : null,
      },
      carried,
      previous,
      careerPlan,
      summary,
      nextConversation,
    };
  }

  /** Reads pages newest first until the previous agreed conversation of the type and every carried action are behind. */
  private async readUntilReviewed(pages: AsyncIterable<Row[]>, conversationId: string): Promise<Row[]> {
    const rows: Row[] = [];
    let conversation: Conversation | null = null;
    for await (const page of pages) {
      rows.push(...page);
      for (const row of page) this.recent.remember(row);
      const first = rows[0];
      if (!first || kindOf(first) !== 'conversation' || first.conversationId !== conversationId) break;
      conversation ??= this.conversationOf(first).value;
      const type = conversation.type;
      const oldestCarried = carriedActionRefs(conversation)
        .map((ref) => actionRow(ref.conversationId, ref.actionId))
        .sort()
        .at(-1);
      const last = rows.at(-1)?.rowKey ?? '';
      const pastCarried = oldestCarried === undefined || last >= oldestCarried;
      const seenPrevious = rows.some(
        (row) =>
          kindOf(row) === 'conversation' &&
          row.type === type &&
          row.status === 'agreed' &&
          row.conversationId !== conversationId,
      );
      if (pastCarried && seenPrevious) break;
    }
    return rows;
  }

  /** Creates a draft conversation and records it as the plan's draft of its type, atomically. */
  async createConversation(
    partitionKey: string,
    conversation: Conversation,
    idempotencyKeys: Record<string, string>,
    change: CountersChange,
    audit: AuditEntry,
    /** The prepared points left once the conversation took its own, under the ETag they were read with. */
    prepared: Stored<PreparedPoint[]> | null = null,
  ): Promise<StoredConversation> {
    const bookkeeping = { actionSeq: 0, actionCount: 0, idempotencyKeys };
    const entity = conversationToEntity(partitionKey, conversation, bookkeeping);
    const { result } = await this.transactWithSummary(
      partitionKey,
      [
        ['create', entity],
        ['create', auditEntity(partitionKey, audit)],
        ...(prepared
          ? [
              [
                'update',
                preparedToEntity(partitionKey, prepared.value),
                'Replace',
                { etag: prepared.etag },
              ] as TransactionAction,
            ]
          : []),
      ],
      change,
      'conversation',
      audit.at,
    );
    this.rememberCarried(partitionKey, conversation);
    return { value: conversation, etag: etagAt(result, 0), ...bookkeeping };
  }

  /** Replaces the conversation if nobody changed it since it was read, with its audit entry; returns the new ETag. */
  async replaceConversation(partitionKey: string, next: StoredConversation, audit: AuditEntry): Promise<string> {
    const result = await this.submit(
      partitionKey,
      [
        ['update', this.conversationEntity(partitionKey, next), 'Replace', { etag: next.etag }],
        ['create', auditEntity(partitionKey, audit)],
      ],
      'conversation',
    );
    return etagAt(result, 0);
  }

  /**
   * Agreement, as one entity group transaction: the conversation with its snapshot, its agreed
   * actions, the removal of actions dropped before agreeing, the earlier actions the review
   * changed, the plan's counters and the audit entry. Every row is written under the ETag it was
   * read with, so a change made meanwhile fails the whole agreement.
   */
  async agree(
    partitionKey: string,
    conversation: StoredConversation,
    rows: {
      agreed: readonly Stored<Action>[];
      removed: readonly Stored<Action>[];
      reviewed: readonly Stored<Action>[];
    },
    change: CountersChange,
    audit: AuditEntry,
    /** The counters as read with the rest, tried first without another read. */
    summary?: Stored<PlanCounters> | null,
    /** Other open drafts whose review lists an earlier action this one's review moved. */
    drafts?: DraftsToMove,
  ): Promise<{
    conversationEtag: string;
    actionEtags: Map<string, string>;
    counters: PlanCounters;
    movedDrafts: StoredConversation[];
  }> {
    const update = (action: Stored<Action>): TransactionAction => [
      'update',
      actionToEntity(partitionKey, action.value),
      'Replace',
      { etag: action.etag },
    ];
    // Once agreed, what it holds is what was agreed: the actions taken out before agreeing are deleted below.
    const record: StoredConversation = { ...conversation, actionCount: rows.agreed.length };
    const { result, counters, movedDrafts } = await this.transactWithSummary(
      partitionKey,
      [
        ['update', this.conversationEntity(partitionKey, record), 'Replace', { etag: conversation.etag }],
        ...rows.agreed.map(update),
        ...rows.reviewed.map(update),
        // Batch deletes take no ETag; the conversation's conditional update above guards them.
        ...rows.removed.map((action): TransactionAction => [
          'delete',
          { partitionKey, rowKey: actionRow(action.value.conversationId, action.value.id) },
        ]),
        ['create', auditEntity(partitionKey, audit)],
      ],
      change,
      'conversation',
      audit.at,
      summary,
      drafts,
    );
    // Sub-responses follow the batch: the conversation, then the agreed and the reviewed actions.
    const written = [...rows.agreed, ...rows.reviewed];
    const actionEtags = new Map(
      written.map((action, index) => [
        actionRow(action.value.conversationId, action.value.id),
        etagAt(result, index + 1),
      ]),
    );
    return { conversationEtag: etagAt(result, 0), actionEtags, counters, movedDrafts };
  }

  private conversationEntity(partitionKey: string, conversation: StoredConversation): TableEntity {
    return conversationToEntity(partitionKey, conversation.value, conversation);
  }

  private async submit(
    partitionKey: string,
    operations: TransactionAction[],
    what: string,
  ): Promise<TableTransactionResponse> {
    try {
      return await this.transact(partitionKey, operations);
    } catch (error) {
      translateWriteError(error, what);
    }
  }

  async readNote(partitionKey: string, conversationId: string, authorId: string): Promise<Stored<Note> | null> {
    const row = await this.pointRead(partitionKey, noteRow(conversationId, authorId));
    return row ? noteFromEntity(row) : null;
  }

  /** Creates the note when `etag` is null (failing if one appeared meanwhile), else replaces it under its ETag. */
  async putNote(partitionKey: string, note: Note, etag: string | null, audit: AuditEntry): Promise<string> {
    const entity = noteToEntity(partitionKey, note);
    try {
      return await this.writeWithAudit(partitionKey, entity, etag, audit);
    } catch (error) {
      if (!etag && isAlreadyExists(error)) throw new StaleEtagError('note');
      translateWriteError(error, 'note');
    }
  }

  /**
   * Creates the career plan (no ETag; failing if one appeared meanwhile) or replaces it under its
   * ETag, with its audit entry and every open draft that shows it moved on, in one transaction.
   */
  async putCareerPlan(
    partitionKey: string,
    plan: CareerPlanRecord,
    etag: string | null,
    audit: AuditEntry,
    drafts: DraftsToMove,
  ): Promise<{ etag: string; movedDrafts: StoredConversation[] }> {
    const entity = careerPlanToEntity(partitionKey, plan);
    const write: TransactionAction = etag ? ['update', entity, 'Replace', { etag }] : ['create', entity];
    try {
      const { result, movedDrafts } = await this.transactWithSummary(
        partitionKey,
        [write, ['create', auditEntity(partitionKey, audit)]],
        (counters) => counters,
        'career plan',
        audit.at,
        undefined,
        drafts,
      );
      return { etag: etagAt(result, 0), movedDrafts };
    } catch (error) {
      // A create that met a career plan made meanwhile is as stale as an update under an old ETag.
      if (error instanceof EntityExistsError) throw new StaleEtagError('career plan');
      translateWriteError(error, 'career plan');
    }
  }

  /** Everything in the plan the viewer may see: other people's notes never leave storage. */
  async readWholePlan(partitionKey: string, viewerId: string): Promise<WholePlan> {
    const rows = await this.query(
      odata`PartitionKey eq ${partitionKey} and kind ne 'audit' and (kind ne 'note' or authorId eq ${viewerId})`,
    );
    const profile = rows.find((row) => kindOf(row) === 'profile');
    return {
      careerPlan: profile ? careerPlanFromEntity(profile) : null,
      conversations: rows.filter((row) => kindOf(row) === 'conversation').map((row) => this.conversationOf(row)),
      actions: rows.filter((row) => kindOf(row) === 'action').map(actionFromEntity),
      notes: rows.filter((row) => kindOf(row) === 'note').map(noteFromEntity),
    };
  }

  /**
   * Deletes every row of the plan (the audit trail stays), in transactions of up to 100, and starts
   * the plan again: fresh counters whose start is `startedAt`, so the cadence counts from the new
   * beginning. The person's own settings (their choice of nudges, the digests sent to them as a
   * manager) stay unless `ownSettings` is 'delete'. Returns the meeting and chat links the plan held.
   */
  async deletePlan(partitionKey: string, startedAt: string, ownSettings: 'keep' | 'delete'): Promise<string[]> {
    const rows = await this.query(odata`PartitionKey eq ${partitionKey} and kind ne 'audit'`);
    const links = rows.filter((row) => kindOf(row) === 'link').map((row) => String(row.linkPartition));
    const doomed = rows
      .map((row) => row.rowKey ?? '')
      .filter((rowKey) => rowKey !== SUMMARY_ROW && !(ownSettings === 'keep' && isOwnSettingsRow(rowKey)));
    for (const rowKey of doomed) this.recent.forget(partitionKey, rowKey);
    const operations: TransactionAction[] = [
      ['upsert', summaryToEntity(partitionKey, emptyCounters(startedAt)), 'Replace'],
      ...doomed.map((rowKey): TransactionAction => ['delete', { partitionKey, rowKey }]),
    ];
    for (let start = 0; start < operations.length; start += 100) {
      await this.tables.plans.submitTransaction(operations.slice(start, start + 100));
    }
    this.recent.forget(partitionKey, SUMMARY_ROW);
    return links;
  }

  /**
   * Records that a plan starts now when it has no counters yet (a report a manager sees for the first
   * time): the job development cadence counts from here. Server bookkeeping, not anyone's change, so
   * no audit entry; a concurrent first look that created it already is just as good. Null then.
   */
  async startPlanIfNew(partitionKey: string, startedAt: string): Promise<Stored<PlanCounters> | null> {
    const counters = emptyCounters(startedAt);
    try {
      const created = await this.tables.plans.createEntity(summaryToEntity(partitionKey, counters));
      if (created.etag) this.recent.written(summaryToEntity(partitionKey, counters), created.etag);
      return created.etag ? { value: counters, etag: created.etag } : null;
    } catch (error) {
      if (isAlreadyExists(error)) return null;
      throw error;
    }
  }

  /**
   * Sets or clears the next conversation (`next` null clears it): created
   * when `etag` is null (failing if it appeared meanwhile), else replaced under its ETag; with its
   * audit entry, in one transaction.
   */
  async putNextConversation(
    partitionKey: string,
    next: NextConversation | null,
    etag: string | null,
    audit: AuditEntry,
  ): Promise<string> {
    const entity = scheduleToEntity(partitionKey, next);
    try {
      return await this.writeWithAudit(partitionKey, entity, etag, audit);
    } catch (error) {
      if (!etag && isAlreadyExists(error)) throw new StaleEtagError('next conversation');
      if (etag && isNotFound(error)) throw new StaleEtagError('next conversation');
      translateWriteError(error, 'next conversation');
    }
  }

  async readNextConversation(partitionKey: string): Promise<Stored<NextConversation | null> | null> {
    const row = await this.pointRead(partitionKey, SCHEDULE_ROW);
    return row ? scheduleFromEntity(row) : null;
  }

  /** Creates the entity (no ETag) or replaces it under its ETag, with its audit entry, in one transaction. */
  private async writeWithAudit(
    partitionKey: string,
    entity: TableEntity,
    etag: string | null,
    audit: AuditEntry,
  ): Promise<string> {
    const write: TransactionAction = etag ? ['update', entity, 'Replace', { etag }] : ['create', entity];
    const result = await this.transact(partitionKey, [write, ['create', auditEntity(partitionKey, audit)]]);
    return etagAt(result, 0);
  }

  /** Notes that a meeting or chat link points at this plan, so that deleting the plan finds it. */
  async recordLink(partitionKey: string, linkPartition: string): Promise<void> {
    await this.tables.plans.upsertEntity(
      { partitionKey, rowKey: linkRowInPlan(linkPartition), kind: 'link', linkPartition },
      'Replace',
    );
  }

  /** Which nudges the person receives (kept in their own partition); null until they choose. */
  async readNudgePreferences(partitionKey: string): Promise<Stored<NudgePreferences> | null> {
    const row = await this.pointRead(partitionKey, NUDGE_PREFERENCES_ROW);
    return row ? nudgePreferencesFromEntity(row) : null;
  }

  /** Creates the preferences (no ETag) or replaces them under their ETag, with an audit entry. */
  async putNudgePreferences(
    partitionKey: string,
    preferences: NudgePreferences,
    etag: string | null,
    audit: AuditEntry,
  ): Promise<string> {
    try {
      return await this.writeWithAudit(partitionKey, nudgePreferencesToEntity(partitionKey, preferences), etag, audit);
    } catch (error) {
      if (!etag && isAlreadyExists(error)) throw new StaleEtagError('choice of reminders');
      // Gone since it was read (the person deleted their plan): stale too, and the current choice is the defaults.
      if (etag && isNotFound(error)) throw new StaleEtagError('choice of reminders');
      translateWriteError(error, 'choice of reminders');
    }
  }
}
