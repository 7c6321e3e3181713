import { Badge, Button, Field, Input, Radio, RadioGroup, Text } from '@fluentui/react-components';
import { useRef, useState, type SubmitEvent } from 'react';
import type { PlanView } from '../../../functions/src/contract';
import { TEXT_LIMITS } from '../../../functions/src/contract/text-limits';
import type { ConversationType } from '../../../functions/src/domain';
import { LIMITS } from '../../../functions/src/domain/lifecycle';
import { CONVERSATION_TYPE_NAMES } from '../../../functions/src/domain/vocabulary';
import { messageOf, type ApiClient } from '../api/client';
import { useFitBadgeStyles } from './badge.styles';
import { useCardStyles } from './card.styles';
import { useFormats } from './format';
import { LimitedField, charactersOver } from './LimitedField';
import { NextConversationForm } from './NextConversationForm';
import { ProblemBar } from './ProblemBar';
import { SavedFlag } from './SavedFlag';
import { authorOf } from './WhatToExpect';
import { usePreparedStyles } from './prepared.styles';

type Kind = ConversationType | 'either';

const KIND_WORDS: Record<Kind, string> = {
  either: 'Either conversation',
  job: CONVERSATION_TYPE_NAMES.job,
  career: CONVERSATION_TYPE_NAMES.career,
};

/**
 * Talking points for the next conversation, written ahead of the meeting by either person. They join
 * the agenda of the next conversation of their kind, marked as prepared, when it starts.
 */
export function PreparedPointsCard({
  api,
  plan,
  onChange,
  onNextChange,
}: {
  api: ApiClient;
  plan: PlanView;
  onChange: (points: PlanView['prepared']) => void;
  onNextChange: (next: PlanView['nextConversation']) => void;
}) {
  const styles = usePreparedStyles();
  const { when } = useFormats();
  const { card } = useCardStyles();
  const { fit } = useFitBadgeStyles();
  const [text, setText] = useState('');
  const [kind, setKind] = useState<Kind>('either');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [said, setSaid] = useState<{ id: number; message: string } | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const mine = plan.role === 'employee';
  const myId = mine ? plan.employee.id : (plan.manager?.id ?? '');
  const other = mine ? (plan.manager?.displayName ?? 'your manager') : plan.employee.displayName;
  const tooLong = charactersOver(text, TEXT_LIMITS.talkingPoint) > 0;
  const full = plan.prepared.length >= LIMITS.preparedPoints;

  const run = async (work: () => Promise<PlanView['prepared']>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      onChange(await work());
      setSaid((last) => ({ id: (last?.id ?? 0) + 1, message: done }));
      return true;
    } catch (caught) {
      setError(messageOf(caught));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const add = async (event: SubmitEvent) => {
    event.preventDefault();
    if (text.trim() === '' || tooLong) return;
    const added = await run(
      async () =>
        (await api.preparePoint(plan.employee.id, { text: text.trim(), type: kind === 'either' ? null : kind })).points,
      'Talking point added',
    );
    if (added) setText('');
    inputRef.current?.focus();
  };

  return (
    <section className={card} aria-labelledby="prepare-heading" data-testid="prepare">
      <h2 id="prepare-heading" className={styles.h2}>
        {mine ? 'Prepare for your next conversation' : `Prepare for your next conversation with ${other}`}
      </h2>
      <Text className={styles.subtle}>
        Points you add here wait for the next conversation of their kind and open its agenda, marked as prepared.{' '}
        {other} sees them too.
      </Text>
      <form
        className={styles.form}
        aria-label="Prepare a talking point"
        onSubmit={(event) => {
          void add(event);
        }}
      >
        <LimitedField label="Talking point" limit={TEXT_LIMITS.talkingPoint} value={text}>
          <Input
            input={{ ref: inputRef }}
            value={text}
            placeholder="What do you want to bring up?"
            onChange={(_, data) => {
              setText(data.value);
            }}
          />
        </LimitedField>
        <Field label="For">
          <RadioGroup
            value={kind}
            onChange={(_, data) => {
              setKind(data.value as Kind);
            }}
          >
            {(['either', 'job', 'career'] as const).map((entry) => (
              <Radio key={entry} value={entry} label={KIND_WORDS[entry]} />
            ))}
          </RadioGroup>
        </Field>
        <Button
          className={styles.submit}
          type="submit"
          disabledFocusable={busy || full || text.trim() === '' || tooLong}
          {...(full ? { 'aria-describedby': 'prepare-full' } : {})}
        >
          Add talking point
        </Button>
        {full ? (
          <Text id="prepare-full" className={styles.subtle}>
            {LIMITS.preparedPoints} points are waiting already: bring those up first.
          </Text>
        ) : null}
      </form>
      {error ? (
        <ProblemBar
          message={error}
          onDismiss={() => {
            setError(null);
          }}
        />
      ) : null}
      <SavedFlag saved={said} />
      <h3 className={styles.h3}>When you meet next</h3>
      <NextConversationForm
        api={api}
        employeeId={plan.employee.id}
        current={plan.nextConversation}
        onSaved={(saved, words) => {
          onNextChange(saved);
          setSaid((last) => ({ id: (last?.id ?? 0) + 1, message: words }));
        }}
      />
      <h3 className={styles.h3}>Prepared so far</h3>
      {plan.prepared.length === 0 ? (
        <Text className={styles.subtle}>Nothing yet.</Text>
      ) : (
        <ul className={styles.list} aria-label="Prepared talking points">
          {plan.prepared.map((point) => (
            <li key={point.id} className={styles.point} data-testid={`prepared-${point.id}`}>
              <Text className={styles.text}>{point.text}</Text>
              <div className={styles.row}>
                <Text className={styles.by}>
                  {authorOf(plan, point.by, myId)} · {when(point.at)}
                </Text>
                <Badge className={fit} appearance="outline">
                  {KIND_WORDS[point.type ?? 'either']}
                </Badge>
                {point.by === myId ? (
                  <Button
                    size="small"
                    appearance="subtle"
                    disabledFocusable={busy}
                    aria-label={`Remove: ${point.text}`}
                    onClick={() => {
                      void run(
                        async () => (await api.withdrawPreparedPoint(plan.employee.id, point.id)).points,
                        'Talking point removed',
                      ).then(() => {
                        inputRef.current?.focus();
                      });
                    }}
                  >
                    Remove
                  </Button>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
