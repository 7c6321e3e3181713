import { Button, Field, Input, Radio, RadioGroup, Select } from '@fluentui/react-components';
import { useState, type SubmitEvent } from 'react';
import { TEXT_LIMITS, type AddActionRequest } from '../../../functions/src/contract';
import {
  LEARNING_KINDS,
  LEARNING_KIND_NAMES,
  type ConversationType,
  type LearningKind,
  type Owner,
} from '../../../functions/src/domain';
import { useActionStyles } from './actions.styles';

interface Props {
  type: ConversationType;
  employeeName: string;
  managerName: string;
  busy: boolean;
  onSave: (action: AddActionRequest) => Promise<boolean>;
  onCancel: () => void;
}

/** Captures one action: a title, one owner, the kind of learning (job development) and a due date. */
export function ActionForm({ type, employeeName, managerName, busy, onSave, onCancel }: Props) {
  const styles = useActionStyles();
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState<Owner>('employee');
  const [kind, setKind] = useState<LearningKind | ''>('');
  const [dueDate, setDueDate] = useState('');
  const [tried, setTried] = useState(false);
  const titleError = tried && title.trim() === '' ? 'Say what will be done.' : null;
  const kindError = tried && type === 'job' && kind === '' ? 'Choose how the learning happens.' : null;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setTried(true);
    if (title.trim() === '' || (type === 'job' && kind === '')) return;
    const action: AddActionRequest = { title: title.trim(), owner };
    if (kind) action.learningKind = kind;
    if (dueDate) action.dueDate = dueDate;
    if (await onSave(action)) onCancel();
  };

  return (
    <form
      className={styles.form}
      onSubmit={(event) => {
        void submit(event);
      }}
      aria-label="New action"
    >
      <Field label="Action" required validationMessage={titleError} hint="One concrete step, with one owner.">
        <Input
          value={title}
          maxLength={TEXT_LIMITS.actionTitle}
          onChange={(_, data) => {
            setTitle(data.value);
          }}
        />
      </Field>
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
      <Field label="Kind of learning" required={type === 'job'} validationMessage={kindError}>
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
        <Button type="submit" appearance="primary" disabled={busy}>
          Add action
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
