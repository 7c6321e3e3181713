import { Button, Spinner, Text, mergeClasses } from '@fluentui/react-components';
import { Suspense, lazy, useEffect, useRef, useState, type ReactNode } from 'react';
import type { ConversationView } from '../../../functions/src/contract';
import type { PlanRole } from '../../../functions/src/domain';
import { useFormats } from './format';
import { useItemNoteStyles } from './item-notes.styles';

type Item = ConversationView['conversation']['agenda'][number];

// The editor (and Fluent's Textarea) loads when a person first writes a note, not with the agenda.
const ItemNoteEditor = lazy(() => import('./ItemNoteEditor').then((module) => ({ default: module.ItemNoteEditor })));

interface Props {
  item: Item;
  /** Which conversation: drafts of a note are kept per conversation and item. */
  conversationId: string;
  myRole: PlanRole;
  /** Who wrote what, by role: "You" for the person looking. */
  names: Record<PlanRole, string>;
  editable: boolean;
  busy: boolean;
  /** Writes my note under the item; an empty text takes it away. */
  onWrite?: ((itemId: string, text: string) => Promise<boolean>) | undefined;
  /** What goes on the same line as the note button: who added the item, its own buttons. */
  byline?: ReactNode;
}

/** A DOM id made from an agenda item id ("goals.learn"), safe in a selector. */
export const idOf = (itemId: string) => itemId.replace(/[^A-Za-z0-9_-]/g, '-');

/**
 * What each person noted about one agenda item, shared between them: the other person's note to
 * read, mine to write. Each person has at most one note per item and edits only their own.
 */
export function ItemNotes({ item, conversationId, myRole, names, editable, busy, onWrite, byline }: Props) {
  const styles = useItemNoteStyles();
  const { when } = useFormats();
  const notes = item.notes ?? [];
  const mine = notes.find((note) => note.role === myRole);
  const [editing, setEditing] = useState(false);
  // After the editor closes, focus goes back to the button that opened it.
  const returnFocus = useRef(false);

  useEffect(() => {
    if (!editing && returnFocus.current) {
      returnFocus.current = false;
      document.getElementById(`note-button-${idOf(item.id)}`)?.focus();
    }
  }, [editing, item.id]);

  const canWrite = editable && onWrite !== undefined;
  if (notes.length === 0 && !canWrite && !byline) return null;

  const close = () => {
    returnFocus.current = true;
    setEditing(false);
  };
  const save = async (value: string) => {
    if (!onWrite) return false;
    const saved = await onWrite(item.id, value.trim() === '' ? '' : value);
    if (saved) close();
    return saved;
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
                {note.role === myRole ? 'You' : names[note.role]} · {when(note.at)}
              </Text>
              <Text className={styles.text}>{note.text}</Text>
            </li>
          ))}
        </ul>
      ) : null}
      {canWrite && editing ? (
        <Suspense fallback={<Spinner size="tiny" />}>
          <ItemNoteEditor
            domId={idOf(item.id)}
            draftKey={`item-note:${conversationId}:${item.id}`}
            draftLabel={`Your shared note on “${item.text.slice(0, 40)}”`}
            saved={mine?.text ?? ''}
            mine={mine !== undefined}
            busy={busy}
            onSave={save}
            onClose={close}
          />
        </Suspense>
      ) : null}
      {(canWrite && !editing) || byline ? (
        <div className={styles.byline}>
          {byline}
          {canWrite && !editing ? (
            <Button
              id={`note-button-${idOf(item.id)}`}
              className={styles.toggle}
              size="small"
              appearance="transparent"
              aria-label={`${mine ? 'Edit my note' : 'Add a note'}: ${item.text}`}
              onClick={() => {
                setEditing(true);
              }}
            >
              {mine ? 'Edit my note' : 'Add a note'}
            </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
