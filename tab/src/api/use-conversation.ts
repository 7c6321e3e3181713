import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  AddActionRequest,
  ActionResult,
  ActionView,
  ConversationRecord,
  ConversationView,
  LiveMessage,
  NoteView,
  UpdateActionRequest,
} from '../../../functions/src/contract';
import { learningMix } from '../../../functions/src/domain/learning-mix';
import { conversationBalance } from '../../../functions/src/domain/ownership';
import { ApiProblem, messageOf, type ApiClient, type Versioned } from './client';
import { answerOrNull, hasKeys } from './contract-check';
import { newsBetween } from './news';

/** How often the panel looks for the other person's changes; unchanged data costs a 304. */
export const POLL_INTERVAL_MS = 3000;
/** While the live channel is connected, a change is announced as it happens: one safety read this often. */
export const LIVE_SAFETY_POLL_MS = 30_000;

/** What an edit does when the other person changed the conversation first. */
type OnConflict =
  /** Run the edit again on the version the server sent back (ticks, talking points, actions). */
  | 'reapply'
  /** Tell the person and change nothing: nobody agrees to a version they have not seen. */
  | 'report';

/** A write that went through: what it was, in words, so the panel can say so where the person is looking. */
export interface Saved {
  /** Counts up with every write, so the same words twice still show twice. */
  id: number;
  message: string;
}

export interface ConversationState {
  view: ConversationView | null;
  loading: boolean;
  /** A failure to show in place. */
  error: string | null;
  /** Something the person should know, such as a change that could not be re-applied. */
  notice: string | null;
  busy: boolean;
  /** Whether changes are pushed to the panel as they happen (else it polls every 3 s). */
  live: boolean;
  /** What the other person added or changed since the person last looked: keys of `news.ts`, until seen. */
  news: ReadonlySet<string>;
}

function currentViewOf(error: unknown): ConversationView | null {
  if (!(error instanceof ApiProblem) || error.status !== 412) return null;
  return answerOrNull((contract) => contract.ConversationViewSchema, error.problem.current, [
    'conversation',
    'sections',
    'actions',
  ]);
}

/** The action as stored now, which a stale action edit (412) carries. */
function currentActionOf(error: unknown): ActionView | null {
  if (!(error instanceof ApiProblem) || error.status !== 412) return null;
  return answerOrNull((contract) => contract.ActionSchema, error.problem.current, [
    'id',
    'conversationId',
    'title',
    'owner',
    'status',
    'etag',
  ]);
}

/** The private note as stored now, which a stale note save (412) carries. */
function currentNoteOf(error: unknown): NoteView | null {
  if (!(error instanceof ApiProblem) || error.status !== 412) return null;
  return answerOrNull((contract) => contract.NoteSchema, error.problem.current, ['text', 'etag']);
}

/** The same person's note, saved in another window meanwhile: that version is shown, this one is not forced. */
export class NoteConflict extends Error {
  constructor() {
    super('The private note changed meanwhile.');
    this.name = 'NoteConflict';
  }
}

/** A live message as the API sends it: ids and numbers only, never content. Anything else is ignored. */
function liveMessageOf(data: unknown): LiveMessage | null {
  return hasKeys(data, ['conversationId', 'revision', 'kind', 'by']) ? (data as LiveMessage) : null;
}

/** The other person's change to an action got there first and touched what this edit changes: nothing is saved. */
export class ActionConflict extends Error {
  constructor(
    readonly action: ActionView,
    readonly fields: readonly string[],
  ) {
    super('The action changed meanwhile.');
    this.name = 'ActionConflict';
  }
}

const FIELD_WORDS: Record<string, string> = {
  title: 'the title',
  owner: 'the owner',
  learningKind: 'the kind of learning',
  dueDate: 'the due date',
  focusArea: 'the focus area',
  status: 'the status',
};

/** The fields of `body` that someone else changed between `before` (what this edit started from) and `now`. */
function clashes(before: ActionView, now: ActionView, body: UpdateActionRequest): string[] {
  return (Object.keys(body) as (keyof UpdateActionRequest)[]).filter(
    (field) => (before[field] ?? null) !== (now[field] ?? null),
  );
}

/** How a write's answer changes the view: the tab applies it instead of reading the view again. */
type Applied = (view: ConversationView) => ConversationView;

/** The balance and the learning mix follow the actions, as the server computes them. */
function recounted(view: ConversationView): ConversationView {
  return {
    ...view,
    ownership: conversationBalance(view.conversation, view.actions),
    learningMix: learningMix(view.actions),
  };
}

function withConversation(conversation: ConversationRecord): Applied {
  return (view) => recounted({ ...view, conversation });
}

/** An action as written: added, edited, or an earlier one whose status its owner moved. */
function withAction({ action, conversation }: Pick<ActionResult, 'action' | 'conversation'>): Applied {
  return (view) => {
    const same = (entry: ActionView) => entry.id === action.id && entry.conversationId === action.conversationId;
    const own = action.conversationId === view.conversation.id;
    return recounted({
      ...view,
      ...(conversation ? { conversation } : {}),
      actions: own
        ? view.actions.some(same)
          ? view.actions.map((entry) => (same(entry) ? action : entry))
          : [...view.actions, action]
        : view.actions,
      carriedActions: view.carriedActions.map((entry) => (same(entry) ? action : entry)),
    });
  };
}

function withoutAction(actionId: string, conversation: ConversationRecord): Applied {
  return (view) =>
    recounted({ ...view, conversation, actions: view.actions.filter((action) => action.id !== actionId) });
}

function withNote(note: NoteView): Applied {
  return (view) => ({ ...view, myNote: note });
}

function findAction(view: ConversationView, action: Pick<ActionView, 'id' | 'conversationId'>): ActionView | undefined {
  return [...view.actions, ...view.carriedActions].find(
    (entry) => entry.id === action.id && entry.conversationId === action.conversationId,
  );
}

export function useConversation(
  api: ApiClient,
  employeeId: string,
  conversationId: string,
  /** The view the caller already holds (the side panel opens with it), so the first read is not repeated. */
  initial: Versioned<ConversationView> | null = null,
  /** Told, in words, of every write that was stored. */
  onSaved?: (message: string) => void,
) {
  const [state, setState] = useState<ConversationState>({
    view: null,
    loading: true,
    error: null,
    notice: null,
    busy: false,
    live: false,
    news: new Set(),
  });
  const liveRef = useRef(false);
  const lastReadRef = useRef(0);
  const onSavedRef = useRef(onSaved);
  useEffect(() => {
    onSavedRef.current = onSaved;
  });
  const viewRef = useRef<ConversationView | null>(null);
  const etagRef = useRef<string | null>(null);
  // Edits run one after another, in the order people make them, each on the version the one before left.
  const queueRef = useRef<Promise<unknown>>(Promise.resolve());
  const pendingRef = useRef(0);
  // Changes shown before the server has them (ticks): kept on top of whatever the server answers meanwhile.
  const optimisticRef = useRef(new Map<number, (view: ConversationView) => ConversationView>());
  const nextIdRef = useRef(0);
  const initialRef = useRef(initial);

  const shown = useCallback((view: ConversationView) => {
    let next = view;
    for (const patch of optimisticRef.current.values()) next = patch(next);
    return next;
  }, []);

  const accept = useCallback(
    (view: ConversationView, etag: string | null) => {
      viewRef.current = view;
      etagRef.current = etag;
      setState((current) => ({ ...current, view: shown(view), loading: false, error: null }));
    },
    [shown],
  );

  /**
   * Reads the view again; with `force`, even when the server says nothing changed since our last read. What the
   * other person added or changed since the view shown becomes news, marked until seen.
   */
  const refresh = useCallback(
    async (force = false) => {
      lastReadRef.current = Date.now();
      try {
        const before = viewRef.current;
        const result = await api.conversation(employeeId, conversationId, force ? null : etagRef.current);
        if (result) {
          accept(result.data, result.etag);
          const fresh = before ? newsBetween(before, result.data) : [];
          if (fresh.length > 0) setState((current) => ({ ...current, news: new Set([...current.news, ...fresh]) }));
        } else setState((current) => (current.error ? { ...current, error: null } : current));
      } catch (error) {
        setState((current) => ({ ...current, loading: false, error: messageOf(error) }));
      }
    },
    [api, employeeId, conversationId, accept],
  );

  useEffect(() => {
    viewRef.current = null;
    etagRef.current = null;
    optimisticRef.current.clear();
    setState({ view: null, loading: true, error: null, notice: null, busy: false, live: false, news: new Set() });
    const given = initialRef.current;
    initialRef.current = null;
    if (given?.data.conversation.id === conversationId) accept(given.data, given.etag);
    else void refresh();
    const timer = setInterval(() => {
      // Polls wait while edits are in flight, so they never show a state older than the person's own change;
      // while changes are pushed, only a safety read now and then.
      if (document.visibilityState !== 'visible' || pendingRef.current > 0) return;
      if (liveRef.current && Date.now() - lastReadRef.current < LIVE_SAFETY_POLL_MS) return;
      void refresh();
    }, POLL_INTERVAL_MS);
    return () => {
      clearInterval(timer);
    };
  }, [refresh, accept, conversationId]);

  // The live channel opens once the conversation is on screen (its client is a chunk of its own), and closes with it.
  const loaded = state.view !== null;
  useEffect(() => {
    if (!loaded) return undefined;
    let channel: { stop: () => void } | null = null;
    let closed = false;
    const setLive = (live: boolean) => {
      liveRef.current = live;
      setState((current) => (current.live === live ? current : { ...current, live }));
    };
    void import('./live')
      .then(({ connectLive }) =>
        connectLive({
          access: async () => (await api.liveAccess(employeeId, conversationId)).url,
          onConnected: () => {
            setLive(true);
            // Whatever changed while there was no connection is read now.
            if (pendingRef.current === 0) void refresh();
          },
          onDisconnected: () => {
            setLive(false);
          },
          onMessage: (data) => {
            const message = liveMessageOf(data);
            const view = viewRef.current;
            if (!message || !view || message.conversationId !== conversationId) return;
            // The person's own write from this panel is already shown: no news to them. The same person's write
            // from elsewhere (another device, the personal tab) names a version this panel does not show yet.
            const myId = view.role === 'employee' ? view.employee.id : view.manager.id;
            if (message.by === myId && (message.etag === null || message.etag === view.conversation.etag)) return;
            if (pendingRef.current === 0) void refresh();
          },
        }),
      )
      .then(
        (opened) => {
          if (closed) opened.stop();
          else channel = opened;
        },
        // No live channel (the service is away or not configured): the poll goes on as before.
        () => undefined,
      );
    return () => {
      closed = true;
      channel?.stop();
      liveRef.current = false;
    };
  }, [loaded, api, employeeId, conversationId, refresh]);

  /**
   * Runs an edit on the latest view and applies what the write answered. When someone else changed
   * the conversation first (412), the edit is re-applied once on the version the server sent back;
   * if that fails too, the person is told and nothing is overwritten. The view's validator is kept,
   * so the next poll reads whatever else changed meanwhile. `saved` is what to say once it is stored.
   */
  const edit = useCallback(
    (
      apply: (view: ConversationView) => Promise<Applied | null>,
      what: string,
      saved: string,
      onConflict: OnConflict = 'reapply',
      optimistic?: (view: ConversationView) => ConversationView,
    ): Promise<boolean> => {
      const patchId = nextIdRef.current++;
      if (optimistic) {
        optimisticRef.current.set(patchId, optimistic);
        const view = viewRef.current;
        if (view) setState((current) => ({ ...current, view: shown(view) }));
      }
      pendingRef.current += 1;
      setState((current) => ({ ...current, busy: true, notice: null }));
      const run = async (): Promise<boolean> => {
        const view = viewRef.current;
        if (!view) return false;
        try {
          let applied: Applied | null;
          try {
            applied = await apply(view);
          } catch (error) {
            const latest = currentViewOf(error);
            if (!latest || onConflict === 'report') throw error;
            accept(latest, null);
            applied = await apply(latest);
          }
          optimisticRef.current.delete(patchId);
          const base = viewRef.current;
          if (applied && base) accept(applied(base), etagRef.current);
          else await refresh();
          onSavedRef.current?.(saved);
          return true;
        } catch (error) {
          optimisticRef.current.delete(patchId);
          // Undo any optimistic change: show exactly what the server holds.
          await refresh(true);
          const shown = viewRef.current;
          const other = shown
            ? shown[shown.role === 'employee' ? 'manager' : 'employee'].displayName
            : 'The other person';
          setState((current) => ({ ...current, notice: conflictNotice(error, what, other) }));
          return false;
        } finally {
          pendingRef.current -= 1;
          if (pendingRef.current === 0) setState((current) => ({ ...current, busy: false }));
        }
      };
      const result = queueRef.current.then(run, run);
      queueRef.current = result;
      return result;
    },
    [accept, refresh, shown],
  );

  /**
   * Action edits carry the action's own ETag. A click (hand over, a status) acts on the action as shown now; a form
   * acts on the version it was opened on (`opened`), so that nothing someone else changed meanwhile is overwritten
   * unseen. When the other person changed the action first, the edit is made again on their version if it touches
   * nothing they changed (a new due date beside their new title); a hand-over or a status they already made is left
   * as it is; anything else is handed back to the person with what it says now (`onConflict`).
   */
  const changeAction = useCallback(
    (
      action: ActionView,
      body: UpdateActionRequest,
      what: string,
      saved: string,
      options: { opened?: boolean; onConflict?: (now: ActionView, fields: readonly string[]) => void } = {},
    ) =>
      edit(
        async (view) => {
          const from = options.opened ? action : (findAction(view, action) ?? action);
          try {
            return withAction(await api.updateAction(employeeId, from, body));
          } catch (error) {
            const now = currentActionOf(error);
            if (!now) throw error;
            const remaining = Object.fromEntries(
              Object.entries(body).filter(([field, value]) => (now[field as keyof ActionView] ?? null) !== value),
            ) as UpdateActionRequest;
            // Already as this edit wanted it (both handed it over, both marked it done): nothing left to do.
            if (Object.keys(remaining).length === 0) return withAction({ action: now });
            const clash = clashes(from, now, remaining);
            if (clash.length > 0) {
              options.onConflict?.(now, clash);
              throw new ActionConflict(now, clash);
            }
            return withAction(await api.updateAction(employeeId, now, remaining));
          }
        },
        what,
        saved,
      ),
    [api, edit, employeeId],
  );

  /** The person has seen these: they are no longer marked new. */
  const seen = useCallback((keys: readonly string[]) => {
    setState((current) => {
      if (!keys.some((key) => current.news.has(key))) return current;
      const news = new Set(current.news);
      for (const key of keys) news.delete(key);
      return { ...current, news };
    });
  }, []);

  return {
    ...state,
    refresh,
    seen,
    clearNotice: () => {
      setState((current) => ({ ...current, notice: null }));
    },
    setDiscussed: (itemId: string, discussed: boolean) =>
      edit(
        async (view) => withConversation((await api.setDiscussed(view, itemId, discussed)).conversation),
        'ticking an item',
        discussed ? 'Ticked: discussed' : 'Unticked',
        'reapply',
        (view) => ({
          ...view,
          conversation: {
            ...view.conversation,
            agenda: view.conversation.agenda.map((item) => (item.id === itemId ? { ...item, discussed } : item)),
          },
        }),
      ),
    // One key per add, kept across the automatic re-apply, so a retry never makes a second record.
    addTalkingPoint: (text: string, sectionId: string, sectionTitle: string) => {
      const key = crypto.randomUUID();
      return edit(
        async (view) => withConversation((await api.addTalkingPoint(view, text, sectionId, key)).conversation),
        'adding a talking point',
        `Talking point added to ${sectionTitle}`,
      );
    },
    editTalkingPoint: (itemId: string, text: string) =>
      edit(
        async (view) => withConversation((await api.editTalkingPoint(view, itemId, text)).conversation),
        'correcting your talking point',
        'Talking point saved',
      ),
    removeTalkingPoint: (itemId: string) =>
      edit(
        async (view) => withConversation((await api.removeTalkingPoint(view, itemId)).conversation),
        'removing your talking point',
        'Talking point removed',
      ),
    addAction: (body: AddActionRequest) => {
      const key = crypto.randomUUID();
      return edit(async (view) => withAction(await api.addAction(view, body, key)), 'adding an action', 'Action added');
    },
    changeAction,
    // Never agree on a version the person has not seen: a conflict is shown, not re-applied.
    agree: () =>
      edit(
        async (view) => {
          const agreed = await api.agree(view);
          return () => agreed;
        },
        'agreeing',
        'You agreed',
        'report',
      ),
    withdrawAgreement: () =>
      edit(
        async (view) => withConversation((await api.withdrawAgreement(view)).conversation),
        'taking back your agreement',
        'Your agreement is taken back',
        'report',
      ),
    proposeReview: (itemId: string, proposal: ActionView['status'] | null) =>
      edit(
        async (view) => withConversation((await api.proposeReview(view, itemId, proposal)).conversation),
        'proposing a status',
        proposal ? 'Proposal saved' : 'Proposal taken back',
      ),
    removeAction: (actionId: string) =>
      edit(
        async (view) => withoutAction(actionId, (await api.removeAction(view, actionId)).conversation),
        'removing an action',
        'Action removed',
      ),
    // Each person edits only their own note, so re-applying it on a newer version overwrites nobody.
    writeItemNote: (itemId: string, note: string) =>
      edit(
        async (view) => withConversation((await api.writeItemNote(view, itemId, note)).conversation),
        'writing your note',
        note === '' ? 'Note deleted' : 'Note saved: you both see it',
      ),
    // The same person in another window may have saved meanwhile: that version is shown, and this one is not forced.
    saveNote: (text: string) =>
      edit(
        async (view) => {
          try {
            return withNote(await api.putNote(view, text));
          } catch (error) {
            const now = currentNoteOf(error);
            if (!now) throw error;
            accept({ ...view, myNote: now }, etagRef.current);
            throw new NoteConflict();
          }
        },
        'saving your private note',
        'Private note saved: only you see it',
      ),
  };
}

/** What to tell the person when their edit could not be made. */
function conflictNotice(error: unknown, what: string, other: string): string {
  if (error instanceof NoteConflict) {
    return 'Your private note was saved in another window meanwhile. Nothing was overwritten: it shows what is saved now; save again to replace it.';
  }
  if (error instanceof ActionConflict) {
    const fields = error.fields.map((field) => FIELD_WORDS[field] ?? field).join(' and ');
    return `${other} changed ${fields} of “${error.action.title}” while you were ${what}. Nothing was overwritten: it shows what is saved now. Save again to replace it with yours.`;
  }
  if (error instanceof ApiProblem && error.status === 412) {
    return `The conversation changed while you were ${what}. Nothing was overwritten: have a look and try again.`;
  }
  return messageOf(error);
}
