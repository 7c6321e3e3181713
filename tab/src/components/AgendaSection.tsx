import { Button, Checkbox, Text } from '@fluentui/react-components';
import type { ActionView, ConversationView } from '../../../functions/src/contract';
import { useAgendaStyles } from './agenda.styles';

type Item = ConversationView['conversation']['agenda'][number];
type Section = ConversationView['sections'][number];

interface Props {
  section: Section;
  items: Item[];
  carriedActions: ActionView[];
  people: Record<string, string>;
  editable: boolean;
  busy: boolean;
  onTick: (itemId: string, discussed: boolean) => void;
  onReview: (action: ActionView, status: ActionView['status']) => void;
}

const STATUS_WORDS: Record<ActionView['status'], string> = { open: 'Still open', done: 'Done', dropped: 'Dropped' };

/** One section of the agenda: its prompts and talking points to tick, or last time's actions to review. */
export function AgendaSection({ section, items, carriedActions, people, editable, busy, onTick, onReview }: Props) {
  const styles = useAgendaStyles();
  const headingId = `section-${section.id}`;
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.heading}>
        {section.title}
      </h3>
      <Text className={styles.hint}>{section.hint}</Text>
      <ul className={styles.list}>
        {items.map((item) => {
          const ref = item.carriedAction;
          const carried = ref
            ? carriedActions.find(
                (action) => action.id === ref.actionId && action.conversationId === ref.conversationId,
              )
            : undefined;
          if (item.source === 'carried') {
            return (
              <li key={item.id} className={styles.carried} data-testid={`review-${item.id}`}>
                <Text className={styles.reviewTitle}>{item.text}</Text>
                <Text className={styles.reviewStatus}>
                  {carried
                    ? `${STATUS_WORDS[carried.status]} · owned by the ${carried.owner}`
                    : 'No longer part of the plan'}
                </Text>
                {carried ? (
                  <div className={styles.review} role="group" aria-label={`Review: ${item.text}`}>
                    <Button
                      size="small"
                      disabled={busy || carried.status === 'done'}
                      onClick={() => {
                        onReview(carried, 'done');
                      }}
                    >
                      Done
                    </Button>
                    <Button
                      size="small"
                      disabled={busy || carried.status === 'open'}
                      onClick={() => {
                        onReview(carried, 'open');
                      }}
                    >
                      Keep open
                    </Button>
                    <Button
                      size="small"
                      disabled={busy || carried.status === 'dropped'}
                      onClick={() => {
                        onReview(carried, 'dropped');
                      }}
                    >
                      Drop
                    </Button>
                  </div>
                ) : null}
              </li>
            );
          }
          return (
            <li key={item.id} className={styles.item}>
              <Checkbox
                checked={item.discussed}
                disabled={!editable || busy}
                onChange={(_, data) => {
                  onTick(item.id, data.checked === true);
                }}
                label={
                  <span className={styles.itemLabel}>
                    {item.text}
                    {item.optional ? <span className={styles.optional}> (optional)</span> : null}
                  </span>
                }
              />
              {item.source === 'talkingPoint' ? (
                <Text className={styles.author}>Added by {people[item.authorId ?? ''] ?? 'someone'}</Text>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
