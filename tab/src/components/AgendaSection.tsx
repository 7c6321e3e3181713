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
  /** Proposes a status for a carried action (null takes it back); it takes effect when both agree. */
  onPropose: (itemId: string, status: ActionView['status'] | null) => void;
}

const STATUS_WORDS: Record<ActionView['status'], string> = { open: 'Still open', done: 'Done', dropped: 'Dropped' };
const PROPOSAL_WORDS: Record<ActionView['status'], string> = { done: 'Done', open: 'Keep open', dropped: 'Drop' };

/** One section of the agenda: its prompts and talking points to tick, or last time's actions to review. */
export function AgendaSection({ section, items, carriedActions, people, editable, busy, onTick, onPropose }: Props) {
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
            const proposal = item.proposal;
            const proposer = proposal ? (people[proposal.by] ?? 'someone') : '';
            return (
              <li key={item.id} className={styles.carried} data-testid={`review-${item.id}`}>
                <Text className={styles.reviewTitle}>{item.text}</Text>
                <Text className={styles.reviewStatus}>
                  {carried
                    ? `${STATUS_WORDS[carried.status]} · owned by the ${carried.owner}`
                    : 'No longer part of the plan'}
                </Text>
                {proposal ? (
                  <Text className={styles.reviewStatus} data-testid={`proposal-${item.id}`}>
                    {proposer === 'you' ? 'You propose' : `${proposer} proposes`}: {PROPOSAL_WORDS[proposal.status]}
                    {editable ? ' (takes effect when you both agree)' : ''}
                  </Text>
                ) : null}
                {carried && editable ? (
                  <div className={styles.review} role="group" aria-label={`Propose for: ${item.text}`}>
                    {(['done', 'open', 'dropped'] as const).map((status) => (
                      <Button
                        key={status}
                        size="small"
                        aria-pressed={proposal?.status === status}
                        appearance={proposal?.status === status ? 'primary' : 'secondary'}
                        disabled={busy}
                        onClick={() => {
                          onPropose(item.id, proposal?.status === status ? null : status);
                        }}
                      >
                        {PROPOSAL_WORDS[status]}
                      </Button>
                    ))}
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
