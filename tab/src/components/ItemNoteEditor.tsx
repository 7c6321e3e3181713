import { Button, Textarea } from '@fluentui/react-components';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { TEXT_LIMITS } from '../../../functions/src/contract/text-limits';
import { useDraft } from './drafts';
import { LimitedField, charactersOver } from './LimitedField';
import { useItemNoteStyles } from './item-notes.styles';

interface Props {
  /** The agenda item's id made safe for the DOM. */
  domId: string;
  /** Where what is typed is kept until it is saved, and what to call it. */
  draftKey: string;
  draftLabel: string;
  /** My note as saved, or '' when I have none. */
  saved: string;
  /** Whether I have a note to delete. */
  mine: boolean;
  busy: boolean;
  /** Saves the text ('' takes my note away); answers whether it was stored. */
  onSave: (text: string) => Promise<boolean>;
  onClose: () => void;
}

/**
 * Where I write my shared note under an agenda item. Its own module, loaded when a person first opens it: the agenda
 * shows notes without the editor's code.
 */
export function ItemNoteEditor({ domId, draftKey, draftLabel, saved, mine, busy, onSave, onClose }: Props) {
  const styles = useItemNoteStyles();
  const [text, setText, forget] = useDraft(draftKey, draftLabel, saved);
  const boxRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    boxRef.current?.focus();
  }, []);

  const over = charactersOver(text, TEXT_LIMITS.itemNote) > 0;
  const unchanged = text === saved;
  const store = async (value: string) => {
    if (await onSave(value)) forget();
  };
  const cancel = () => {
    forget();
    onClose();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    // Ctrl+Enter (⌘+Enter on a Mac) saves, as in Teams' own compose box; Escape leaves without saving.
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !busy && !over && !unchanged) {
      event.preventDefault();
      void store(text);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      cancel();
    }
  };

  return (
    <div className={styles.editor}>
      <LimitedField
        label="Shared note — you both see it"
        limit={TEXT_LIMITS.itemNote}
        value={text}
        hint="Ctrl+Enter saves."
      >
        <Textarea
          textarea={{ ref: boxRef }}
          id={`note-box-${domId}`}
          value={text}
          rows={3}
          resize="vertical"
          onKeyDown={onKeyDown}
          onChange={(_, data) => {
            setText(data.value);
          }}
        />
      </LimitedField>
      <div className={styles.buttons}>
        <Button
          size="small"
          appearance="primary"
          disabledFocusable={busy || over || unchanged}
          onClick={() => void store(text)}
        >
          Save note
        </Button>
        <Button size="small" onClick={cancel}>
          Cancel
        </Button>
        {mine ? (
          <Button size="small" appearance="subtle" disabledFocusable={busy} onClick={() => void store('')}>
            Delete my note
          </Button>
        ) : null}
      </div>
    </div>
  );
}
