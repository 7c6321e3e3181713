import { Button, Checkbox, Text, mergeClasses } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { ActionView, ConversationView } from '../../../functions/src/contract';
import type { PlanRole } from '../../../functions/src/domain';
import { ItemNotes } from './ItemNotes';
import { useAgendaStyles } from './agenda.styles';
import { useVisuallyHiddenStyles } from './visually-hidden.styles';

type Item = ConversationView['conversation']['agenda'][number];
type Section = ConversationView['sections'][number];

interface Props {
  section: Section;
  items: Item[];
  carriedActions: ActionView[];
  /** Display names by person id, "you" for the person looking. */
  people: Record<string, string>;
  /** The person looking, and both people's names by role: for the shared notes. */
  myRole: PlanRole;
  names: Record<PlanRole, string>;
  editable: boolean;
  busy: boolean;
  /** Open: the section being discussed; the others fold away to keep the 280-px panel short. */
  open: boolean;
  onToggle: (open: boolean) => void;
  onTick: (itemId: string, discussed: boolean) => void;
  /** Proposes a status for a carried action (null takes it back); it takes effect when both agree. */
  onPropose: (itemId: string, status: ActionView['status'] | null) => void;
  /** Writes my shared note under an item (empty takes it away). */
  onWriteNote?: (itemId: string, text: string) => Promise<boolean>;
  /** What the section holds besides its items, such as the career plan where the agenda asks about it. */
  children?: ReactNode;
}

const STATUS_WORDS: Record<ActionView['status'], string> = { open: 'open', done: 'done', dropped: 'dropped' };
const PROPOSAL_WORDS: Record<ActionView['status'], string> = { done: 'Done', open: 'Keep open', dropped: 'Drop' };

/** The items of a section that can be ticked, and how many are. */
export function sectionProgress(items: Item[]): { discussed: number; total: number } {
  const tickable = items.filter((item) => item.source !== 'carried');
  return { discussed: tickable.filter((item) => item.discussed).length, total: tickable.length };
}

/** One carried action under review: one line, with the proposal buttons only while a draft. */
function ReviewItem({
  item,
  carried,
  people,
  myRole,
  names,
  editable,
  busy,
  onPropose,
  onWriteNote,
}: {
  item: Item;
  carried: ActionView | undefined;
  people: Record<string, string>;
  myRole: PlanRole;
  names: Record<PlanRole, string>;
  editable: boolean;
  busy: boolean;
  onPropose: Props['onPropose'];
  onWriteNote: Props['onWriteNote'];
}) {
  const styles = useAgendaStyles();
  const proposal = item.proposal;
  const proposer = proposal ? (people[proposal.by] ?? 'someone') : '';
  return (
    <li className={styles.carried} data-testid={`review-${item.id}`}>
      <Text className={styles.reviewTitle}>
        {item.text}{' '}
        <span className={styles.reviewStatus}>
          {carried ? `(${STATUS_WORDS[carried.status]}, ${carried.owner}’s)` : '(no longer in the plan)'}
        </span>
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
              appearance={proposal?.status === status ? 'primary' : 'subtle'}
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
      <ItemNotes item={item} myRole={myRole} names={names} editable={editable} busy={busy} onWrite={onWriteNote} />
    </li>
  );
}

/** One section of the agenda, folding: its prompts and talking points to tick, or last time's actions to review. */
export function AgendaSection(props: Props) {
  const { section, items, carriedActions, people, myRole, names, editable, busy, open, onToggle, onTick, onPropose } =
    props;
  const { onWriteNote, children } = props;
  const styles = useAgendaStyles();
  const hidden = useVisuallyHiddenStyles();
  const headingId = `section-${section.id}`;
  const progress = sectionProgress(items);
  return (
    <details
      className={styles.section}
      open={open}
      onToggle={(event) => {
        onToggle(event.currentTarget.open);
      }}
    >
      <summary className={styles.summary}>
        <span aria-hidden="true" className={styles.chevron}>
          {open ? '▾' : '▸'}
        </span>
        <h3 id={headingId} className={styles.heading}>
          {section.title}
        </h3>
        {progress.total > 0 ? (
          <span className={styles.count} aria-label={`${progress.discussed} of ${progress.total} discussed`}>
            {progress.discussed}/{progress.total}
          </span>
        ) : null}
      </summary>
      <Text className={styles.hint}>{section.hint}</Text>
      <ul className={styles.list} aria-labelledby={headingId}>
        {items.map((item) => {
          const ref = item.carriedAction;
          if (item.source === 'carried') {
            const carried = ref
              ? carriedActions.find(
                  (action) => action.id === ref.actionId && action.conversationId === ref.conversationId,
                )
              : undefined;
            return (
              <ReviewItem
                key={item.id}
                item={item}
                carried={carried}
                people={people}
                myRole={myRole}
                names={names}
                editable={editable}
                busy={busy}
                onPropose={onPropose}
                onWriteNote={onWriteNote}
              />
            );
          }
          const label = (
            <span className={styles.itemLabel}>
              {item.text}
              {item.optional ? <span className={styles.optional}> (optional)</span> : null}
            </span>
          );
          return (
            <li key={item.id} className={styles.item}>
              {editable ? (
                <Checkbox
                  checked={item.discussed}
                  disabled={busy}
                  onChange={(_, data) => {
                    onTick(item.id, data.checked === true);
                  }}
                  label={label}
                />
              ) : (
                // The agreed record reads as text, with what was discussed marked, not as greyed-out controls.
                <Text className={mergeClasses(styles.recorded, !item.discussed && styles.notDiscussed)}>
                  <span aria-hidden="true" className={styles.mark}>
                    {item.discussed ? '✓' : '–'}
                  </span>
                  {label}
                  <span className={hidden.visuallyHidden}>{item.discussed ? ' (discussed)' : ' (not discussed)'}</span>
                </Text>
              )}
              {item.source === 'talkingPoint' ? (
                <Text className={mergeClasses(styles.author, item.prepared && styles.prepared)}>
                  {item.prepared ? 'Prepared by' : 'Added by'} {people[item.authorId ?? ''] ?? 'someone'}
                </Text>
              ) : null}
              <ItemNotes
                item={item}
                myRole={myRole}
                names={names}
                editable={editable}
                busy={busy}
                onWrite={onWriteNote}
              />
            </li>
          );
        })}
      </ul>
      {children}
    </details>
  );
}
