import { Text } from '@fluentui/react-components';
import type { ConversationSummary } from '../../../functions/src/contract';
import { useWhatChangedStyles } from './what-changed.styles';

/** The notes both people wrote under the agenda of one conversation, as the history shows them. */
export function WhatWasSaid({
  notes,
  names,
}: {
  notes: ConversationSummary['notes'];
  names: { employee: string; manager: string };
}) {
  const styles = useWhatChangedStyles();
  if (notes.length === 0) return null;
  return (
    <section className={styles.root} aria-label="What was said" data-testid="what-was-said">
      <Text className={styles.heading}>What was said</Text>
      <ul className={styles.list}>
        {notes.map((item) => (
          <li key={item.id}>
            {item.text}
            <ul className={styles.list}>
              {(item.notes ?? []).map((note) => (
                <li key={note.role} className={styles.note}>
                  <span className={styles.subtle}>{names[note.role]}: </span>
                  {note.text}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
