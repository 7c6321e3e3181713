import { Button, Field, Input, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { NextConversationView } from '../../../functions/src/contract';
import type { ConversationType } from '../../../functions/src/domain';
import { nextConversationWindow } from '../../../functions/src/domain/schedule';
import { CONVERSATION_TYPE_NAMES } from '../../../functions/src/domain/vocabulary';
import { ApiProblem, messageOf, type ApiClient } from '../api/client';
import { answerOrNull } from '../api/contract-check';
import { useFormats } from './format';
import { ProblemBar } from './ProblemBar';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
  select: { minWidth: 0, maxWidth: '100%' },
});

type Kind = ConversationType | 'either';

/**
 * When the pair meets next: a day (and, if they like, which conversation), set by either of them. The day before,
 * both are reminded to prepare their talking points. Saved with the ETag it was read with: when the other person
 * set a date meanwhile, it is shown and nothing is overwritten.
 */
export function NextConversationForm({
  api,
  employeeId,
  current,
  onSaved,
  onClose,
}: {
  api: ApiClient;
  employeeId: string;
  /** As stored, with its ETag. */
  current: NextConversationView;
  onSaved: (saved: NextConversationView, words: string) => void;
  onClose?: () => void;
}) {
  const styles = useStyles();
  const { date: day } = useFormats();
  const [date, setDate] = useState(current.date ?? '');
  const [kind, setKind] = useState<Kind>(current.type ?? 'either');
  const [base, setBase] = useState(current);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { earliest, latest } = nextConversationWindow(new Date());
  const unchanged = date === (base.date ?? '') && kind === (base.type ?? 'either');

  const save = async (clear = false) => {
    setBusy(true);
    setError(null);
    try {
      const body = clear ? { date: null, type: null } : { date, type: kind === 'either' ? null : kind };
      const saved = await api.putNextConversation(employeeId, body, base.etag);
      setBase(saved);
      if (clear) setDate('');
      onSaved(saved, saved.date ? `Next conversation set for ${day(saved.date)}` : 'Next conversation cleared');
    } catch (caught) {
      const now =
        caught instanceof ApiProblem && caught.status === 412
          ? answerOrNull((contract) => contract.NextConversationSchema, caught.problem.current, ['date', 'etag'])
          : null;
      if (now) {
        setBase(now);
        setError(
          now.date
            ? `The other person set it to ${day(now.date)} meanwhile. Nothing was overwritten: save again to change it.`
            : 'The other person cleared it meanwhile. Nothing was overwritten: save again to set yours.',
        );
      } else setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={styles.form} role="group" aria-label="Next conversation">
      <Field label="Day of your next conversation" hint="The day before, you both get a reminder to prepare.">
        <Input
          id={`next-date-${employeeId}`}
          type="date"
          min={earliest}
          max={latest}
          value={date}
          onChange={(_, data) => {
            setDate(data.value);
          }}
        />
      </Field>
      <Field label="Which conversation">
        <Select
          className={styles.select}
          value={kind}
          onChange={(_, data) => {
            setKind(data.value as Kind);
          }}
        >
          <option value="either">Not decided yet</option>
          <option value="job">{CONVERSATION_TYPE_NAMES.job}</option>
          <option value="career">{CONVERSATION_TYPE_NAMES.career}</option>
        </Select>
      </Field>
      {error ? <ProblemBar intent="warning" message={error} /> : null}
      <div className={styles.row}>
        <Button
          size="small"
          appearance="primary"
          disabledFocusable={busy || date === '' || unchanged}
          onClick={() => void save()}
        >
          Save date
        </Button>
        {base.date ? (
          <Button size="small" appearance="subtle" disabledFocusable={busy} onClick={() => void save(true)}>
            Clear
          </Button>
        ) : null}
        {onClose ? (
          <Button size="small" onClick={onClose}>
            Close
          </Button>
        ) : null}
        {base.date && unchanged ? <Text size={200}>Set for {day(base.date)}</Text> : null}
      </div>
    </div>
  );
}
