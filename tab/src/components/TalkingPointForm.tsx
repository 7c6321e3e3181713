import { Button, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useRef, useState, type SubmitEvent } from 'react';
import type { ConversationView } from '../../../functions/src/contract';
import { TEXT_LIMITS } from '../../../functions/src/contract/text-limits';
import { REVIEW_SECTION_ID } from '../../../functions/src/domain/vocabulary';
import { useDraft } from './drafts';
import { LimitedField, charactersOver } from './LimitedField';
import { useVisuallyHiddenStyles } from './visually-hidden.styles';

export const ADD_POINT_BUTTON = 'add-point-button';
export const NEW_POINT_INPUT = 'new-talking-point';

// The section and the button share a line under the text: the side panel is 280 px wide.
const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
  },
  select: { flex: '1 1 8em', minWidth: 0, maxWidth: '100%' },
  submit: { flexShrink: 0 },
});

/** Either person adds a talking point to a section of the agenda; it goes to the section being talked about. */
export function TalkingPointForm({
  conversationId,
  sections,
  sectionId,
  onSectionChange,
  onAdd,
}: {
  conversationId: string;
  sections: ConversationView['sections'];
  /** Where the point goes: the section open now, unless the person chose another. */
  sectionId: string;
  onSectionChange: (sectionId: string) => void;
  onAdd: (text: string, sectionId: string) => Promise<boolean>;
}) {
  const styles = useStyles();
  const hidden = useVisuallyHiddenStyles();
  const [text, setText, forget] = useDraft(`new-talking-point:${conversationId}`, 'Your new talking point');
  const [sending, setSending] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const tooLong = charactersOver(text, TEXT_LIMITS.talkingPoint) > 0;
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (text.trim() === '' || tooLong || sending) return;
    setSending(true);
    const added = await onAdd(text.trim(), sectionId);
    setSending(false);
    if (added) {
      setText('');
      forget();
    }
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
          id={NEW_POINT_INPUT}
          input={{ ref: inputRef }}
          value={text}
          onChange={(_, data) => {
            setText(data.value);
          }}
          placeholder="What do you want to talk about?"
        />
      </LimitedField>
      <div className={styles.row}>
        <label htmlFor="talking-point-section" className={hidden.visuallyHidden}>
          Section
        </label>
        <Select
          id="talking-point-section"
          className={styles.select}
          size="small"
          value={sectionId}
          onChange={(_, data) => {
            onSectionChange(data.value);
          }}
        >
          {sections
            .filter((section) => section.id !== REVIEW_SECTION_ID)
            .map((section) => (
              <option key={section.id} value={section.id}>
                To: {section.title}
              </option>
            ))}
        </Select>
        <Button
          id={ADD_POINT_BUTTON}
          className={styles.submit}
          size="small"
          type="submit"
          disabledFocusable={sending || text.trim() === '' || tooLong}
        >
          Add talking point
        </Button>
      </div>
    </form>
  );
}
