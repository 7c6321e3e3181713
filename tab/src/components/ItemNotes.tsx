import { Button, Text, Textarea, mergeClasses } from '@fluentui/react-components';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { TEXT_LIMITS, type ConversationView } from '../../../functions/src/contract';
import type { PlanRole } from '../../../functions/src/domain';
import { whenOf } from './format';
import { LimitedField, charactersOver } from './LimitedField';
import { useItemNoteStyles } from './item-notes.styles';

type Item = ConversationView['conversation']['agenda'][number];

interface Props {
  item: Item;
  myRole: PlanRole;
  /** Who wrote what, by role: "You" for the person looking. */
  names: Record<PlanRole, string>;
  editable: boolean;
  busy: boolean;
  /** Writes my note under the item; an empty text takes it away. */
  onWrite?: ((itemId: string, text: string) => Promise<boolean>) | undefined;
}

/** A DOM id made from an agenda item id ("goals.learn"), safe in a selector. */
const idOf = (itemId: string) => itemId.replace(/[^A-Za-z0-9_-]/g, '-');

/**
 * What each person noted about one agenda item, shared between them: the other person's note to
 * read, mine to write. Each person has at most one note per item and edits only their own.
 */
export function ItemNotes({ item, myRole, names, editable, busy, onWrite }: Props) {
  const styles = useItemNoteStyles();
  const notes = item.notes ?? [];
  const mine = notes.find((note) => note.role === myRole);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const boxRef = useRef<HTMLTextAreaElement>(null);
  // After the editor closes, focus goes back to the button that opened it.
  const returnFocus = useRef(false);

  useEffect(() => {
    if (editing) boxRef.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      document.getElementById(`note-button-${idOf(item.id)}`)?.focus();
    }
  }, [editing, item.id]);

  const canWrite = editable && onWrite !== undefined;
  if (notes.length === 0 && !canWrite) return null;

  const close = () => {
    returnFocus.current = true;
    setEditing(false);
  };
  const save = async (value: string) => {
    if (!onWrite) return;
    if (await onWrite(item.id, value.trim() === '' ? '' : value)) close();
  };
  const over = charactersOver(text, TEXT_LIMITS.itemNote) > 0;
  const unchanged = text === (mine?.text ?? '');
  const onKeyDown = (event: KeyboardEvent) => {
    // Ctrl+Enter (⌘+Enter on a Mac) saves, as in Teams' own compose box; Escape leaves without saving.
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !busy && !over && !unchanged) {
      event.preventDefault();
      void save(text);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  };
  const shown = editing ? notes.filter((note) => note.role !== myRole) : notes;

  return (
    <div className={styles.root} data-testid={`notes-${item.id}`}>
      {shown.length > 0 ? (
        <ul className={styles.notes} aria-label="Shared notes">
          {shown.map((note) => (
            <li
              key={note.role}
              className={mergeClasses(styles.note, note.role === myRole && styles.mine)}
              data-testid={`note-${note.role}`}
            >
              <Text className={styles.by}>
                {note.role === myRole ? 'You' : names[note.role]} · {whenOf(note.at)}
              </Text>
              <Text className={styles.text}>{note.text}</Text>
            </li>
          ))}
        </ul>
      ) : null}
      {canWrite && editing ? (
        <div className={styles.editor}>
          <LimitedField
            label="Shared note — you both see it"
            limit={TEXT_LIMITS.itemNote}
            value={text}
            hint="Ctrl+Enter saves."
          >
            <Textarea
              textarea={{ ref: boxRef }}
              id={`note-box-${idOf(item.id)}`}
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
              onClick={() => void save(text)}
            >
              Save note
            </Button>
            <Button size="small" onClick={close}>
              Cancel
            </Button>
            {mine ? (
              <Button size="small" appearance="subtle" disabled={busy} onClick={() => void save('')}>
                Delete my note
              </Button>
            ) : null}
          </div>
        </div>
      ) : null}
      {canWrite && !editing ? (
        <Button
          id={`note-button-${idOf(item.id)}`}
          className={styles.toggle}
          size="small"
          appearance="transparent"
          disabled={busy}
          aria-label={`${mine ? 'Edit my note' : 'Add a note'}: ${item.text}`}
          onClick={() => {
            setText(mine?.text ?? '');
            setEditing(true);
          }}
        >
          {mine ? 'Edit my note' : 'Add a note'}
        </Button>
      ) : null}
    </div>
  );
}
