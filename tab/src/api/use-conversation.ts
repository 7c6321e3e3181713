import { useCallback, useEffect, useRef, useState } from 'react';
import {
  ConversationViewSchema,
  type AddActionRequest,
  type ActionView,
  type ConversationView,
  type UpdateActionRequest,
} from '../../../functions/src/contract';
import { ApiProblem, messageOf, type ApiClient } from './client';

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
  const parsed = ConversationViewSchema.safeParse(error.problem.current);
  return parsed.success ? parsed.data : null;
}

export function useConversation(api: ApiClient, employeeId: string, conversationId: string) {
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
    void refresh();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible' && !editingRef.current) void refresh();
    }, POLL_INTERVAL_MS);
    return () => {
      clearInterval(timer);
    };
  }, [refresh]);

  /**
   * Runs an edit on the latest view. When someone else changed the conversation first (412),
   * the edit is re-applied once on the version the server sent back; if that fails too, the
   * person is told and nothing is overwritten.
   */
  const edit = useCallback(
    async (
      apply: (view: ConversationView) => Promise<unknown>,
      what: string,
      onConflict: OnConflict = 'reapply',
    ): Promise<boolean> => {
      const view = viewRef.current;
      if (!view) return false;
      editingRef.current = true;
      setState((current) => ({ ...current, busy: true, notice: null }));
      try {
        try {
          await apply(view);
        } catch (error) {
          const latest = currentViewOf(error);
          if (!latest || onConflict === 'report') throw error;
          accept(latest, null);
          await apply(latest);
        }
        await refresh();
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
          return await api.updateAction(employeeId, latest, body);
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
          return api.updateAction(employeeId, again, body);
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
      return edit((view) => api.setDiscussed(view, itemId, discussed), 'ticking an item');
    },
    // One key per add, kept across the automatic re-apply, so a retry never makes a second record.
    addTalkingPoint: (text: string, sectionId?: string) => {
      const key = crypto.randomUUID();
      return edit((view) => api.addTalkingPoint(view, text, sectionId, key), 'adding a talking point');
    },
    addAction: (body: AddActionRequest) => {
      const key = crypto.randomUUID();
      return edit((view) => api.addAction(view, body, key), 'adding an action');
    },
    changeAction,
    // Never agree on a version the person has not seen: a conflict is shown, not re-applied.
    agree: () => edit((view) => api.agree(view), 'agreeing', 'report'),
    withdrawAgreement: () => edit((view) => api.withdrawAgreement(view), 'taking back your agreement', 'report'),
    proposeReview: (itemId: string, proposal: ActionView['status'] | null) =>
      edit((view) => api.proposeReview(view, itemId, proposal), 'proposing a status'),
    removeAction: (actionId: string) => edit((view) => api.removeAction(view, actionId), 'removing an action'),
    // Each person edits only their own note, so re-applying it on a newer version overwrites nobody.
    writeItemNote: (itemId: string, note: string) =>
      edit((view) => api.writeItemNote(view, itemId, note), 'writing your note'),
    saveNote: (text: string) => edit((view) => api.putNote(view, text), 'saving your note'),
  };
}
