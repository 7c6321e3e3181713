import { Button, Field, Input, Radio, RadioGroup, Select } from '@fluentui/react-components';
import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import type { ActionView, AddActionRequest } from '../../../functions/src/contract';
import { TEXT_LIMITS } from '../../../functions/src/contract/text-limits';
import type { ConversationType, LearningKind, Owner } from '../../../functions/src/domain';
import { LEARNING_KINDS, LEARNING_KIND_NAMES } from '../../../functions/src/domain/vocabulary';
import { LimitedField, charactersOver } from './LimitedField';
import { useActionStyles } from './actions.styles';

interface Props {
  type: ConversationType;
  employeeName: string;
  managerName: string;
  /** The career plan's focus areas an action can serve; the choice is optional. */
  focusAreas: string[];
  /** The action to edit; a new one when absent. */
  initial?: ActionView | undefined;
  busy: boolean;
  /** Answers whether it was saved; the form closes only then. */
  onSave: (action: AddActionRequest) => Promise<boolean>;
  onCancel: () => void;
}

/** Captures or edits one action: a title, one owner, the kind of learning (job development), a due date, a focus area. */
export function ActionForm({ type, employeeName, managerName, focusAreas, initial, busy, onSave, onCancel }: Props) {
  const styles = useActionStyles();
  const [title, setTitle] = useState(initial?.title ?? '');
  const [owner, setOwner] = useState<Owner>(initial?.owner ?? 'employee');
  const [kind, setKind] = useState<LearningKind | ''>(initial?.learningKind ?? '');
  const [dueDate, setDueDate] = useState(initial?.dueDate ?? '');
  const [focusArea, setFocusArea] = useState(initial?.focusArea ?? '');
  const [tried, setTried] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);
  // When the version the form edits moves on (the other person saved first), the fields this person left alone take
  // on the saved values; what they changed stays as they typed it.
  const [from, setFrom] = useState(initial);
  if (initial && from && initial.etag !== from.etag) {
    setFrom(initial);
    if (title === from.title) setTitle(initial.title);
    if (owner === from.owner) setOwner(initial.owner);
    if (kind === (from.learningKind ?? '')) setKind(initial.learningKind ?? '');
    if (dueDate === (from.dueDate ?? '')) setDueDate(initial.dueDate ?? '');
    if (focusArea === (from.focusArea ?? '')) setFocusArea(initial.focusArea ?? '');
  }
  const titleError = tried && title.trim() === '' ? 'Say what will be done.' : null;
  const kindError = tried && type === 'job' && kind === '' ? 'Choose how the learning happens.' : null;
  const tooLong = charactersOver(title, TEXT_LIMITS.actionTitle) > 0;
  // An action may still name a focus area the plan no longer has: keep it choosable.
  const areas =
    initial?.focusArea && !focusAreas.includes(initial.focusArea) ? [...focusAreas, initial.focusArea] : focusAreas;

  // The form replaces the agenda: start where the typing starts.
  useEffect(() => {
    titleRef.current?.focus();
  }, []);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setTried(true);
    if (title.trim() === '' || tooLong || (type === 'job' && kind === '')) return;
    const action: AddActionRequest = { title: title.trim(), owner };
    if (kind) action.learningKind = kind;
    if (dueDate) action.dueDate = dueDate;
    if (focusArea) action.focusArea = focusArea;
    if (await onSave(action)) onCancel();
  };

  return (
    <form
      className={styles.form}
      onSubmit={(event) => {
        void submit(event);
      }}
      aria-labelledby="action-form-heading"
    >
      <h2 id="action-form-heading" className={styles.heading}>
        {initial ? 'Edit the action' : 'New action'}
      </h2>
      <LimitedField
        label="Action"
        required
        limit={TEXT_LIMITS.actionTitle}
        value={title}
        validationMessage={titleError}
        hint="One concrete step, with one owner."
      >
        <Input
          input={{ ref: titleRef }}
          value={title}
          onChange={(_, data) => {
            setTitle(data.value);
          }}
        />
      </LimitedField>
      <Field label="Owner" required>
        <RadioGroup
          value={owner}
          onChange={(_, data) => {
            setOwner(data.value as Owner);
          }}
        >
          <Radio value="employee" label={`${employeeName} (employee)`} />
          <Radio value="manager" label={`${managerName} (manager)`} />
        </RadioGroup>
      </Field>
      <Field
        label="Kind of learning"
        required={type === 'job'}
        validationMessage={kindError}
        hint="70-20-10: most learning happens on the job (about 70), some from other people (20), a little in courses (10)."
      >
        <Select
          className={styles.select}
          value={kind}
          onChange={(_, data) => {
            setKind(data.value as LearningKind | '');
          }}
        >
          <option value="">{type === 'job' ? 'Choose…' : 'Not about learning'}</option>
          {LEARNING_KINDS.map((entry) => (
            <option key={entry} value={entry}>
              {LEARNING_KIND_NAMES[entry]}
            </option>
          ))}
        </Select>
      </Field>
      {areas.length > 0 ? (
        <Field label="Serves focus area" hint="Optional: the long-term theme this step builds towards.">
          <Select
            className={styles.select}
            value={focusArea}
            onChange={(_, data) => {
              setFocusArea(data.value);
            }}
          >
            <option value="">None in particular</option>
            {areas.map((area) => (
              <option key={area} value={area}>
                {area}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      <Field label="Due date">
        <Input
          type="date"
          value={dueDate}
          onChange={(_, data) => {
            setDueDate(data.value);
          }}
        />
      </Field>
      <div className={styles.buttons}>
        <Button type="submit" appearance="primary" disabled={busy || tooLong}>
          {initial ? 'Save changes' : 'Add action'}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
