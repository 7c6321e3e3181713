import { Button, Textarea } from '@fluentui/react-components';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { TEXT_LIMITS } from '../../../functions/src/contract/text-limits';
import { LimitedField, charactersOver } from './LimitedField';
import { useItemNoteStyles } from './item-notes.styles';

interface Props {
  /** The agenda item's id made safe for the DOM. */
  domId: string;
  /** My note as saved, or '' when I have none. */
  saved: string;
  /** Whether I have a note to delete. */
  mine: boolean;
  busy: boolean;
  /** Saves the text ('' takes my note away). */
  onSave: (text: string) => Promise<void>;
  onClose: () => void;
}

/**
 * Where I write my shared note under an agenda item. Its own module, loaded when a person first opens it: the agenda
 * shows notes without the editor's code.
 */
export function ItemNoteEditor({ domId, saved, mine, busy, onSave, onClose }: Props) {
  const styles = useItemNoteStyles();
  const [text, setText] = useState(saved);
  const boxRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    boxRef.current?.focus();
  }, []);

  const over = charactersOver(text, TEXT_LIMITS.itemNote) > 0;
  const unchanged = text === saved;
  const onKeyDown = (event: KeyboardEvent) => {
    // Ctrl+Enter (⌘+Enter on a Mac) saves, as in Teams' own compose box; Escape leaves without saving.
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !busy && !over && !unchanged) {
      event.preventDefault();
      void onSave(text);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
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
          disabled={busy || over || unchanged}
          onClick={() => void onSave(text)}
        >
          Save note
        </Button>
        <Button size="small" onClick={onClose}>
          Cancel
        </Button>
        {mine ? (
          <Button size="small" appearance="subtle" disabled={busy} onClick={() => void onSave('')}>
            Delete my note
          </Button>
        ) : null}
      </div>
    </div>
  );
}
