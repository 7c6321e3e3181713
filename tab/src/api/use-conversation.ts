import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  AddActionRequest,
  ActionResult,
  ActionView,
  ConversationRecord,
  ConversationView,
  NoteView,
  UpdateActionRequest,
} from '../../../functions/src/contract';
import { learningMix } from '../../../functions/src/domain/learning-mix';
import { conversationBalance } from '../../../functions/src/domain/ownership';
import { ApiProblem, messageOf, type ApiClient, type Versioned } from './client';
import { answerOrNull } from './contract-check';

/** How often the panel looks for the other person's changes; unchanged data costs a 304. */
export const POLL_INTERVAL_MS = 3000;

/** What an edit does when the other person changed the conversation first. */
type OnConflict =
  /** Run the edit again on the version the server sent back (ticks, talking points, actions). */
  | 'reapply'
  /** Tell the person and change nothing: nobody agrees to a version they have not seen. */
  | 'report';

export interface ConversationState {
  view: ConversationView | null;
  loading: boolean;
  /** A failure to show in place. */
  error: string | null;
  /** Something the person should know, such as a change that could not be re-applied. */
  notice: string | null;
  busy: boolean;
}

function currentViewOf(error: unknown): ConversationView | null {
  if (!(error instanceof ApiProblem) || error.status !== 412) return null;
  return answerOrNull((contract) => contract.ConversationViewSchema, error.problem.current);
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
function withAction({ action, conversation }: ActionResult): Applied {
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

export function useConversation(
  api: ApiClient,
  employeeId: string,
  conversationId: string,
  /** The view the caller already holds (the side panel opens with it), so the first read is not repeated. */
  initial: Versioned<ConversationView> | null = null,
) {
  const [state, setState] = useState<ConversationState>({
    view: null,
    loading: true,
    error: null,
    notice: null,
    busy: false,
  });
  const viewRef = useRef<ConversationView | null>(null);
  const etagRef = useRef<string | null>(null);
  // Polls wait while an edit is in flight, so they never show a state older than the person's own change.
  const editingRef = useRef(false);
  const initialRef = useRef(initial);

  const accept = useCallback((view: ConversationView, etag: string | null) => {
    viewRef.current = view;
    etagRef.current = etag;
    setState((current) => ({ ...current, view, loading: false, error: null }));
  }, []);

  /** Reads the view again; with `force`, even when the server says nothing changed since our last read. */
  const refresh = useCallback(
    async (force = false) => {
      try {
        const result = await api.conversation(employeeId, conversationId, force ? null : etagRef.current);
        if (result) accept(result.data, result.etag);
        else setState((current) => (current.error ? { ...current, error: null } : current));
      } catch (error) {
        setState((current) => ({ ...current, loading: false, error: messageOf(error) }));
      }
    },
    [api, employeeId, conversationId, accept],
  );

  useEffect(() => {
    viewRef.current = null;
    etagRef.current = null;
    setState({ view: null, loading: true, error: null, notice: null, busy: false });
    const given = initialRef.current;
    initialRef.current = null;
    if (given?.data.conversation.id === conversationId) accept(given.data, given.etag);
    else void refresh();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible' && !editingRef.current) void refresh();
    }, POLL_INTERVAL_MS);
    return () => {
      clearInterval(timer);
    };
  }, [refresh, accept, conversationId]);

  /**
   * Runs an edit on the latest view and applies what the write answered. When someone else changed
   * the conversation first (412), the edit is re-applied once on the version the server sent back;
   * if that fails too, the person is told and nothing is overwritten. The view's validator is kept,
   * so the next poll reads whatever else changed meanwhile.
   */
  const edit = useCallback(
    async (
      apply: (view: ConversationView) => Promise<Applied | null>,
      what: string,
      onConflict: OnConflict = 'reapply',
    ): Promise<boolean> => {
      const view = viewRef.current;
      if (!view) return false;
      editingRef.current = true;
      setState((current) => ({ ...current, busy: true, notice: null }));
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
        const shown = viewRef.current;
        if (applied && shown) accept(applied(shown), etagRef.current);
        else await refresh();
        editingRef.current = false;
        setState((current) => ({ ...current, busy: false }));
        return true;
      } catch (error) {
        // Undo any optimistic change: show exactly what the server holds.
        await refresh(true);
        editingRef.current = false;
        const conflict = error instanceof ApiProblem && error.status === 412;
        setState((current) => ({
          ...current,
          busy: false,
          notice: conflict
            ? `The conversation changed while you were ${what}. Nothing was overwritten: have a look and try again.`
            : messageOf(error),
        }));
        return false;
      }
    },
    [accept, refresh],
  );

  /** Action edits carry the action's own ETag; a status change is re-applied, a text edit is handed back. */
  const changeAction = useCallback(
    async (action: ActionView, body: UpdateActionRequest, what: string) =>
      edit(async (view) => {
        const latest =
          [...view.actions, ...view.carriedActions].find(
            (entry) => entry.id === action.id && entry.conversationId === action.conversationId,
          ) ?? action;
        try {
          return withAction(await api.updateAction(employeeId, latest, body));
        } catch (error) {
          const onlyStatus = Object.keys(body).length === 1 && body.status !== undefined;
          if (!(error instanceof ApiProblem) || error.status !== 412 || !onlyStatus) throw error;
          const fresh = await api.conversation(employeeId, view.conversation.id);
          if (!fresh) throw error;
          accept(fresh.data, fresh.etag);
          const again = [...fresh.data.actions, ...fresh.data.carriedActions].find(
            (entry) => entry.id === action.id && entry.conversationId === action.conversationId,
          );
          if (!again || again.status === body.status) return null;
          return withAction(await api.updateAction(employeeId, again, body));
        }
      }, what),
    [api, edit, employeeId, accept],
  );

  /** Shows a change at once, before the server confirms it; a failed edit refreshes it away. */
  const patchLocal = useCallback((change: (view: ConversationView) => ConversationView) => {
    const view = viewRef.current;
    if (!view) return;
    const next = change(view);
    viewRef.current = next;
    setState((current) => ({ ...current, view: next }));
  }, []);

  return {
    ...state,
    refresh,
    clearNotice: () => {
      setState((current) => ({ ...current, notice: null }));
    },
    setDiscussed: (itemId: string, discussed: boolean) => {
      patchLocal((view) => ({
        ...view,
        conversation: {
          ...view.conversation,
          agenda: view.conversation.agenda.map((item) => (item.id === itemId ? { ...item, discussed } : item)),
        },
      }));
      return edit(
        async (view) => withConversation((await api.setDiscussed(view, itemId, discussed)).conversation),
        'ticking an item',
      );
    },
    // One key per add, kept across the automatic re-apply, so a retry never makes a second record.
    addTalkingPoint: (text: string, sectionId?: string) => {
      const key = crypto.randomUUID();
      return edit(
        async (view) => withConversation((await api.addTalkingPoint(view, text, sectionId, key)).conversation),
        'adding a talking point',
      );
    },
    addAction: (body: AddActionRequest) => {
      const key = crypto.randomUUID();
      return edit(async (view) => withAction(await api.addAction(view, body, key)), 'adding an action');
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
        'report',
      ),
    withdrawAgreement: () =>
      edit(
        async (view) => withConversation((await api.withdrawAgreement(view)).conversation),
        'taking back your agreement',
        'report',
      ),
    proposeReview: (itemId: string, proposal: ActionView['status'] | null) =>
      edit(
        async (view) => withConversation((await api.proposeReview(view, itemId, proposal)).conversation),
        'proposing a status',
      ),
    removeAction: (actionId: string) =>
      edit(
        async (view) => withoutAction(actionId, (await api.removeAction(view, actionId)).conversation),
        'removing an action',
      ),
    // Each person edits only their own note, so re-applying it on a newer version overwrites nobody.
    writeItemNote: (itemId: string, note: string) =>
      edit(
        async (view) => withConversation((await api.writeItemNote(view, itemId, note)).conversation),
        'writing your note',
      ),
    saveNote: (text: string) => edit(async (view) => withNote(await api.putNote(view, text)), 'saving your note'),
  };
}
