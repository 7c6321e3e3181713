import {
  odata,
  type TableEntity,
  type TableEntityResult,
  type TableTransactionResponse,
  type TransactionAction,
} from '@azure/data-tables';
import {
  emptyCounters,
  type Action,
  type AuditEntry,
  type CareerPlanRecord,
  type Conversation,
  type ConversationType,
  type Note,
  type PlanCounters,
  type PreparedPoint,
} from '../domain';
import { StaleEtagError, isAlreadyExists, isNotFound, isPreconditionFailure, translateWriteError } from './errors';
import {
  HISTORY_RANGE,
  PROFILE_ROW,
  SUMMARY_ROW,
  PREPARED_ROW,
  actionRow,
  conversationRange,
  conversationRow,
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
  conversationToEntity,
  kindOf,
  noteFromEntity,
  noteToEntity,
  summaryFromEntity,
  summaryToEntity,
  type Stored,
  type StoredConversation,
} from './mapping';
import { auditEntity } from './audit-store';
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

const SUMMARY_RETRIES = 8;

/** A short random pause before trying a server-owned row again, so writers that collided spread out. */
function backOff(attempt: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, Math.random() * 10 * (attempt + 1));
  });
}

/** Sub-responses come in the order of the batch; update responses carry no row key, so position is the link. */
function etagAt(result: TableTransactionResponse, index: number): string {
  const etag = result.subResponses[index]?.etag;
  if (!etag) throw new Error(`Storage returned no ETag for operation ${index} of a transaction.`);
  return etag;
}

/** Everything stored about employees' plans: one partition per employee. */
export class PlanStore {
  constructor(private readonly tables: Tables) {}

  private async query(filter: string, maxRows = Number.POSITIVE_INFINITY): Promise<Row[]> {
    const rows: Row[] = [];
    const pages = this.tables.plans.listEntities({ queryOptions: { filter } }).byPage({
      maxPageSize: Number.isFinite(maxRows) ? Math.min(maxRows, 1000) : 1000,
    });
    for await (const page of pages) {
      rows.push(...page);
      if (rows.length >= maxRows) break;
    }
    return rows.slice(0, maxRows);
  }

  private async pointRead(partitionKey: string, rowKey: string): Promise<Row | null> {
    try {
      return await this.tables.plans.getEntity(partitionKey, rowKey);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
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
        const result = await this.tables.plans.submitTransaction([write, ['create', auditEntity(partitionKey, audit)]]);
        return { value: next, etag: etagAt(result, 0) };
      } catch (error) {
        if (!isPreconditionFailure(error) && !isAlreadyExists(error)) throw error;
        await backOff(attempt);
      }
    }
    throw new StaleEtagError('prepared talking points');
  }

  async readSummary(partitionKey: string): Promise<Stored<PlanCounters> | null> {
    const row = await this.pointRead(partitionKey, SUMMARY_ROW);
    return row ? summaryFromEntity(row) : null;
  }

  /** One ranged query: the conversation, its actions, and the viewer's own note (others' notes stay in storage). */
  async readConversationWithActions(
    partitionKey: string,
    conversationId: string,
    viewerId: string,
  ): Promise<ConversationBundle | null> {
    const { from, to } = conversationRange(conversationId);
    const rows = await this.query(
      odata`PartitionKey eq ${partitionKey} and RowKey ge ${from} and RowKey lt ${to} and (kind ne 'note' or authorId eq ${viewerId})`,
    );
    const conversationRow = rows.find((row) => kindOf(row) === 'conversation');
    if (!conversationRow) return null;
    const note = rows.find((row) => kindOf(row) === 'note' && row.authorId === viewerId);
    return {
      conversation: conversationFromEntity(conversationRow),
      actions: rows.filter((row) => kindOf(row) === 'action').map(actionFromEntity),
      myNote: note ? noteFromEntity(note) : null,
    };
  }

  async readConversation(partitionKey: string, conversationId: string): Promise<StoredConversation | null> {
    const row = await this.pointRead(partitionKey, conversationRow(conversationId));
    return row ? conversationFromEntity(row) : null;
  }

  async readAction(partitionKey: string, conversationId: string, actionId: string): Promise<Stored<Action> | null> {
    const row = await this.pointRead(partitionKey, actionRow(conversationId, actionId));
    return row ? actionFromEntity(row) : null;
  }

  /**
   * Earlier actions a conversation reviews, read in one ranged query that spans the conversations
   * they came from (conversation ids sort newest first).
   */
  async readActionsFrom(
    partitionKey: string,
    refs: readonly { conversationId: string; actionId: string }[],
  ): Promise<Stored<Action>[]> {
    const ids = refs.map((ref) => ref.conversationId).sort();
    const [first, last] = [ids[0], ids.at(-1)];
    if (first === undefined || last === undefined) return [];
    const from = conversationRange(first).from;
    const to = conversationRange(last).to;
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
          conversations.push(conversationFromEntity(row));
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
   */
  private async transactWithSummary(
    partitionKey: string,
    actions: TransactionAction[],
    change: CountersChange,
    what: string,
  ) {
    for (let attempt = 0; attempt < SUMMARY_RETRIES; attempt += 1) {
      const current = await this.readSummary(partitionKey);
      const next = summaryToEntity(partitionKey, change(current?.value ?? emptyCounters()));
      const summaryAction: TransactionAction = current
        ? ['update', next, 'Replace', { etag: current.etag }]
        : ['create', next];
      try {
        return await this.tables.plans.submitTransaction([...actions, summaryAction]);
      } catch (error) {
        if (!isPreconditionFailure(error) && !isAlreadyExists(error)) throw error;
        const after = await this.readSummary(partitionKey);
        if ((after?.etag ?? null) !== (current?.etag ?? null)) {
          await backOff(attempt);
          continue;
        }
        translateWriteError(error, what);
      }
    }
    throw new StaleEtagError(what);
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
    const entity = conversationToEntity(partitionKey, conversation, 0, idempotencyKeys);
    const result = await this.transactWithSummary(
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
    );
    return { value: conversation, etag: etagAt(result, 0), actionSeq: 0, idempotencyKeys };
  }

  /** Replaces the conversation if nobody changed it since it was read, with its audit entry; returns the new ETag. */
  async replaceConversation(partitionKey: string, next: StoredConversation, audit: AuditEntry): Promise<string> {
    try {
      const result = await this.tables.plans.submitTransaction([
        [
          'update',
          conversationToEntity(partitionKey, next.value, next.actionSeq, next.idempotencyKeys),
          'Replace',
          { etag: next.etag },
        ],
        ['create', auditEntity(partitionKey, audit)],
      ]);
      return etagAt(result, 0);
    } catch (error) {
      translateWriteError(error, 'conversation');
    }
  }

  /** Adds an action and moves the conversation's action counter in one transaction. */
  async addAction(
    partitionKey: string,
    conversation: StoredConversation,
    action: Action,
    idempotencyKey: string | null,
    audit: AuditEntry,
  ): Promise<{ conversationEtag: string; actionEtag: string }> {
    const keys = idempotencyKey
      ? { ...conversation.idempotencyKeys, [idempotencyKey]: action.id }
      : conversation.idempotencyKeys;
    const conversationEntity = conversationToEntity(partitionKey, conversation.value, conversation.actionSeq + 1, keys);
    const actionEntity = actionToEntity(partitionKey, action);
    try {
      const result = await this.tables.plans.submitTransaction([
        ['update', conversationEntity, 'Replace', { etag: conversation.etag }],
        ['create', actionEntity],
        ['create', auditEntity(partitionKey, audit)],
      ]);
      return { conversationEtag: etagAt(result, 0), actionEtag: etagAt(result, 1) };
    } catch (error) {
      translateWriteError(error, 'conversation');
    }
  }

  /** An agreed action's status moves on (its owner's change); the open counters move with it. */
  async updateAgreedAction(
    partitionKey: string,
    action: Action,
    etag: string,
    change: CountersChange | null,
    audit: AuditEntry,
  ): Promise<string> {
    const operations: TransactionAction[] = [
      ['update', actionToEntity(partitionKey, action), 'Replace', { etag }],
      ['create', auditEntity(partitionKey, audit)],
    ];
    if (!change) return etagAt(await this.submit(operations, 'action'), 0);
    return etagAt(await this.transactWithSummary(partitionKey, operations, change, 'action'), 0);
  }

  /** A draft's action changes with the draft's new revision, in one transaction; returns both ETags. */
  async updateDraftAction(
    partitionKey: string,
    conversation: StoredConversation,
    action: Stored<Action>,
    audit: AuditEntry,
  ): Promise<{ conversationEtag: string; actionEtag: string }> {
    const result = await this.submit(
      [
        ['update', this.conversationEntity(partitionKey, conversation), 'Replace', { etag: conversation.etag }],
        ['update', actionToEntity(partitionKey, action.value), 'Replace', { etag: action.etag }],
        ['create', auditEntity(partitionKey, audit)],
      ],
      'conversation',
    );
    return { conversationEtag: etagAt(result, 0), actionEtag: etagAt(result, 1) };
  }

  /** Removes a draft's action with the draft's new revision, in one transaction; returns the conversation's ETag. */
  async removeDraftAction(
    partitionKey: string,
    conversation: StoredConversation,
    action: Stored<Action>,
    audit: AuditEntry,
  ): Promise<string> {
    const result = await this.submit(
      [
        ['update', this.conversationEntity(partitionKey, conversation), 'Replace', { etag: conversation.etag }],
        // A batch delete takes no ETag; the conversation's conditional update guards the whole batch,
        // since every change to a draft's action also writes the conversation.
        ['delete', { partitionKey, rowKey: actionRow(action.value.conversationId, action.value.id) }],
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
  ): Promise<string> {
    const update = (action: Stored<Action>): TransactionAction => [
      'update',
      actionToEntity(partitionKey, action.value),
      'Replace',
      { etag: action.etag },
    ];
    const result = await this.transactWithSummary(
      partitionKey,
      [
        ['update', this.conversationEntity(partitionKey, conversation), 'Replace', { etag: conversation.etag }],
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
    );
    return etagAt(result, 0);
  }

  private conversationEntity(partitionKey: string, conversation: StoredConversation): TableEntity {
    return conversationToEntity(partitionKey, conversation.value, conversation.actionSeq, conversation.idempotencyKeys);
  }

  private async submit(operations: TransactionAction[], what: string): Promise<TableTransactionResponse> {
    try {
      return await this.tables.plans.submitTransaction(operations);
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

  async putCareerPlan(
    partitionKey: string,
    plan: CareerPlanRecord,
    etag: string | null,
    audit: AuditEntry,
  ): Promise<string> {
    const entity = careerPlanToEntity(partitionKey, plan);
    try {
      return await this.writeWithAudit(partitionKey, entity, etag, audit);
    } catch (error) {
      if (!etag && isAlreadyExists(error)) throw new StaleEtagError('career plan');
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
      conversations: rows.filter((row) => kindOf(row) === 'conversation').map(conversationFromEntity),
      actions: rows.filter((row) => kindOf(row) === 'action').map(actionFromEntity),
      notes: rows.filter((row) => kindOf(row) === 'note').map(noteFromEntity),
    };
  }

  /** Deletes every row of the plan (the audit trail stays), in transactions of up to 100; returns the meeting and chat links it held. */
  async deletePlan(partitionKey: string): Promise<string[]> {
    const rows = await this.query(odata`PartitionKey eq ${partitionKey} and kind ne 'audit'`);
    const links = rows.filter((row) => kindOf(row) === 'link').map((row) => String(row.linkPartition));
    for (let start = 0; start < rows.length; start += 100) {
      const batch = rows
        .slice(start, start + 100)
        .map((row): TransactionAction => ['delete', { partitionKey, rowKey: row.rowKey ?? '' }]);
      await this.tables.plans.submitTransaction(batch);
    }
    return links;
  }

  /** Creates the entity (no ETag) or replaces it under its ETag, with its audit entry, in one transaction. */
  private async writeWithAudit(
    partitionKey: string,
    entity: TableEntity,
    etag: string | null,
    audit: AuditEntry,
  ): Promise<string> {
    const write: TransactionAction = etag ? ['update', entity, 'Replace', { etag }] : ['create', entity];
    const result = await this.tables.plans.submitTransaction([write, ['create', auditEntity(partitionKey, audit)]]);
    return etagAt(result, 0);
  }

  /** Notes that a meeting or chat link points at this plan, so that deleting the plan finds it. */
  async recordLink(partitionKey: string, linkPartition: string): Promise<void> {
    await this.tables.plans.upsertEntity(
      { partitionKey, rowKey: linkRowInPlan(linkPartition), kind: 'link', linkPartition },
      'Replace',
    );
  }
}
