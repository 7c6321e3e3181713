import { Button, Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useRef, useState, type SubmitEvent } from 'react';
import type { ConversationView } from '../../../functions/src/contract';
import { TEXT_LIMITS } from '../../../functions/src/contract/text-limits';
import { REVIEW_SECTION_ID, TALKING_POINTS_SECTION_ID } from '../../../functions/src/domain/vocabulary';
import { LimitedField, charactersOver } from './LimitedField';

// Stacked, not side by side: the side panel is 280 px wide.
const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  submit: { alignSelf: 'flex-start' },
  select: { minWidth: 0, maxWidth: '100%' },
});

/** Either person adds a talking point to a section of the agenda. */
export function TalkingPointForm({
  sections,
  busy,
  onAdd,
}: {
  sections: ConversationView['sections'];
  busy: boolean;
  onAdd: (text: string, sectionId: string) => Promise<boolean>;
}) {
  const styles = useStyles();
  const [text, setText] = useState('');
  const [sectionId, setSectionId] = useState(TALKING_POINTS_SECTION_ID);
  const inputRef = useRef<HTMLInputElement>(null);
  const tooLong = charactersOver(text, TEXT_LIMITS.talkingPoint) > 0;
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (text.trim() === '' || tooLong) return;
    if (await onAdd(text.trim(), sectionId)) setText('');
    // Ready for the next point.
    inputRef.current?.focus();
  };
  return (
    <form
      className={styles.form}
      onSubmit={(event) => {
        void submit(event);
      }}
      aria-label="Add a talking point"
    >
      <LimitedField label="New talking point" limit={TEXT_LIMITS.talkingPoint} value={text}>
        <Input
          input={{ ref: inputRef }}
          value={text}
          onChange={(_, data) => {
            setText(data.value);
          }}
          placeholder="What do you want to talk about?"
        />
      </LimitedField>
      <Field label="Section">
        <Select
          className={styles.select}
          value={sectionId}
          onChange={(_, data) => {
            setSectionId(data.value);
          }}
        >
          {sections
            .filter((section) => section.id !== REVIEW_SECTION_ID)
            .map((section) => (
              <option key={section.id} value={section.id}>
                {section.title}
              </option>
            ))}
        </Select>
      </Field>
      <Button className={styles.submit} type="submit" disabled={busy || text.trim() === '' || tooLong}>
        Add talking point
      </Button>
    </form>
  );
}
