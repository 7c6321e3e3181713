import { Button, Field, Radio, RadioGroup, Select, Spinner, Text } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { ConversationView, MeResponse, MeetingResolution } from '../../../functions/src/contract';
import type { ConversationType } from '../../../functions/src/domain';
import { CONVERSATION_TYPE_NAMES } from '../../../functions/src/domain/vocabulary';
import { ApiProblem, messageOf, type ApiClient, type Versioned } from '../api/client';
import { POLL_INTERVAL_MS } from '../api/use-conversation';
import { ProblemBar } from '../components/ProblemBar';
import { WhatToExpect } from '../components/WhatToExpect';
import type { HostContext } from '../host/teams-host';
import { ConversationPanel } from './ConversationPanel';
import { usePanelStyles } from './panel.styles';

const TYPE_HELP: Record<ConversationType, string> = {
  job: 'This year, in the current role: goals, what to learn, and how — courses, people, real work. Co-owned, on a regular cadence.',
  career:
    'The long view: what the employee wants to do, become, keep or change. Their choice and their plan; not about pay or promotion.',
};

interface Partner {
  employeeId: string;
  label: string;
}

function partnersOf(me: MeResponse): Partner[] {
  const reports = me.directReports.map((person) => ({
    employeeId: person.id,
    label: `${person.displayName} (your report)`,
  }));
  const mine = me.manager ? [{ employeeId: me.user.id, label: `${me.manager.displayName} (your manager)` }] : [];
  return [...reports, ...mine];
}

interface Linked {
  employeeId: string;
  conversationId: string;
  /** The conversation as the panel's first answer carried it. */
  initial?: Versioned<ConversationView>;
}

/** The meeting side panel: opens this meeting's conversation, or offers to start one. */
export function SidePanel({ api, context }: { api: ApiClient; context: HostContext }) {
  const styles = usePanelStyles();
  const meetingId = context.meetingId ?? context.chatId;
  const [me, setMe] = useState<MeResponse | null>(null);
  const [resolution, setResolution] = useState<MeetingResolution | null>(null);
  const [linked, setLinked] = useState<Linked | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [partner, setPartner] = useState('');
  const [suggested, setSuggested] = useState<string | null>(null);
  const [type, setType] = useState<ConversationType>('job');
  const [busy, setBusy] = useState(false);
  const [draftToOpen, setDraftToOpen] = useState<Linked | null>(null);

  // One request: who I am, what this meeting resolves to and, once linked, its conversation. State changes only
  // once the answer is in, so the effect that loads never renders twice in a row.
  const load = useCallback(
    () =>
      meetingId
        ? api.panel(meetingId, context.chatId).then(
            ({ me: who, meeting: found, conversation, conversationEtag, suggestedEmployeeId }) => {
              setError(null);
              setMe(who);
              setResolution(found);
              if (found.status === 'linked') {
                setLinked({
                  employeeId: found.employeeId,
                  conversationId: found.conversationId,
                  ...(conversation ? { initial: { data: conversation, etag: conversationEtag } } : {}),
                });
              }
              // The other person of this meeting, where the app can tell (the series' pair, the meeting chat's
              // members) or where there is only one (an employee's manager); otherwise the panel asks.
              const candidates = partnersOf(who);
              const known = found.status === 'series' ? found.employeeId : suggestedEmployeeId;
              const ours = known && candidates.some((entry) => entry.employeeId === known) ? known : null;
              const only = candidates.length === 1 ? (candidates[0]?.employeeId ?? null) : null;
              setSuggested(ours);
              setPartner((current) => (current === '' ? (ours ?? only ?? '') : current));
            },
            (caught: unknown) => {
              setError(messageOf(caught));
            },
          )
        : Promise.resolve(),
    [api, meetingId, context.chatId],
  );

  useEffect(() => {
    void load();
  }, [load]);

  // Until this meeting has a conversation, look for the one the other person may start.
  useEffect(() => {
    if (linked || !meetingId) return undefined;
    const timer = setInterval(() => {
      if (document.visibilityState !== 'visible') return;
      api.resolveMeeting(meetingId, context.chatId).then(
        (found) => {
          if (found.status === 'linked')
            setLinked({ employeeId: found.employeeId, conversationId: found.conversationId });
        },
        () => undefined,
      );
    }, POLL_INTERVAL_MS);
    return () => {
      clearInterval(timer);
    };
  }, [api, linked, meetingId, context.chatId]);

  if (!meetingId) {
    return (
      <main className={styles.root}>
        <Text>Open Career Conversations from a 1:1 meeting to see its agenda here.</Text>
      </main>
    );
  }
  if (linked && me)
    return (
      <ConversationPanel
        api={api}
        employeeId={linked.employeeId}
        conversationId={linked.conversationId}
        initial={linked.initial ?? null}
      />
    );
  if (error)
    return (
      <main className={styles.root}>
        <ProblemBar message={error} onRetry={() => void load()} />
      </main>
    );
  if (!me || !resolution)
    return (
      <main className={styles.root}>
        <Spinner label="Looking up this meeting…" />
      </main>
    );

  const partners = partnersOf(me);
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const view = await api.startConversation(
        partner,
        { type, meetingId, ...(context.chatId ? { chatId: context.chatId } : {}) },
        crypto.randomUUID(),
      );
      setLinked({
        employeeId: view.conversation.employeeId,
        conversationId: view.conversation.id,
        initial: { data: view, etag: null },
      });
    } catch (caught) {
      const draft =
        caught instanceof ApiProblem && caught.status === 409
          ? (caught.problem.current as { conversationId?: string } | undefined)?.conversationId
          : undefined;
      if (draft) setDraftToOpen({ employeeId: partner, conversationId: draft });
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  };
  const openExisting = async (target: Linked) => {
    setBusy(true);
    try {
      await api.linkMeeting({ meetingId, ...(context.chatId ? { chatId: context.chatId } : {}), ...target });
      setLinked(target);
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className={styles.root}>
      <header className={styles.header}>
        <h1 className={styles.title}>Start a conversation</h1>
        <Text className={styles.subtle}>
          {resolution.status === 'series'
            ? 'This meeting continues an earlier series. Open actions come along to the next conversation.'
            : 'Choose who this 1:1 is with and which conversation to have. Either of you can start it.'}
        </Text>
      </header>
      {error ? (
        <ProblemBar
          message={error}
          onDismiss={() => {
            setError(null);
          }}
        />
      ) : null}
      {draftToOpen ? (
        <Button onClick={() => void openExisting(draftToOpen)} disabled={busy}>
          Open the conversation in progress
        </Button>
      ) : null}
      {partners.length === 0 ? (
        <Text>
          The directory lists no manager or reports for you, so there is nobody to hold a development conversation with.
        </Text>
      ) : (
        <>
          <Field
            label="With"
            required
            hint={
              partner !== '' && partner === suggested
                ? resolution.status === 'series'
                  ? 'The person of this meeting series.'
                  : 'The person in this meeting.'
                : null
            }
          >
            <Select
              className={styles.select}
              value={partner}
              onChange={(_, data) => {
                setPartner(data.value);
              }}
            >
              {partner === '' ? <option value="">Choose who this 1:1 is with…</option> : null}
              {partners.map((entry) => (
                <option key={entry.employeeId} value={entry.employeeId}>
                  {entry.label}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Conversation">
            <RadioGroup
              value={type}
              onChange={(_, data) => {
                setType(data.value as ConversationType);
              }}
            >
              {(['job', 'career'] as const).map((entry) => (
                <div key={entry} className={styles.choice}>
                  <Radio value={entry} label={CONVERSATION_TYPE_NAMES[entry]} aria-describedby={`help-${entry}`} />
                  <Text id={`help-${entry}`} className={styles.subtle}>
                    {TYPE_HELP[entry]}
                  </Text>
                </div>
              ))}
            </RadioGroup>
          </Field>
          {partner ? <WhatToExpect api={api} employeeId={partner} type={type} myId={me.user.id} /> : null}
          <Button appearance="primary" disabled={busy || !partner} onClick={() => void start()}>
            Start {CONVERSATION_TYPE_NAMES[type].toLowerCase()}
          </Button>
          {resolution.status === 'series' ? (
            <Button
              disabled={busy}
              onClick={() =>
                void openExisting({ employeeId: resolution.employeeId, conversationId: resolution.lastConversationId })
              }
            >
              Open the last conversation
            </Button>
          ) : null}
        </>
      )}
    </main>
  );
}
