import { Badge, Button, Checkbox, Text, mergeClasses } from '@fluentui/react-components';
import { Suspense, lazy, type ReactNode } from 'react';
import type { ActionView, ConversationView } from '../../../functions/src/contract';
import type { PlanRole } from '../../../functions/src/domain';
import { discussionProgress } from '../../../functions/src/domain/progress';
import { itemKey } from '../api/news';
import { ItemNotes, idOf } from './ItemNotes';
import { NewBadge, useFresh } from './fresh';
import { useAgendaStyles } from './agenda.styles';
import { useVisuallyHiddenStyles } from './visually-hidden.styles';

// The form to correct a talking point loads when its author first opens it.
const TalkingPointEditor = lazy(() =>
  import('./TalkingPointEditor').then((module) => ({ default: module.TalkingPointEditor })),
);

type Item = ConversationView['conversation']['agenda'][number];
type Section = ConversationView['sections'][number];
type AgreedReview = NonNullable<ConversationView['conversation']['snapshot']>['review'][number];

interface Props {
  section: Section;
  items: Item[];
  conversationId: string;
  carriedActions: ActionView[];
  /** How the agreed record left each reviewed action (absent while a draft). */
  agreedReview?: readonly AgreedReview[] | undefined;
  /** Display names by person id, "you" for the person looking. */
  people: Record<string, string>;
  /** The person looking, and both people's names by role: for the shared notes. */
  myId: string;
  myRole: PlanRole;
  names: Record<PlanRole, string>;
  editable: boolean;
  busy: boolean;
  /** Open: the section being discussed; the others fold away to keep the 280-px panel short. */
  open: boolean;
  /** The talking point whose author is correcting it, if any. */
  editingPoint: string | null;
  onToggle: (open: boolean) => void;
  onTick: (itemId: string, discussed: boolean) => void;
  /** Proposes a status for a carried action (null takes it back); it takes effect when both agree. */
  onPropose: (itemId: string, status: ActionView['status'] | null) => void;
  /** Writes my shared note under an item (empty takes it away). */
  onWriteNote?: (itemId: string, text: string) => Promise<boolean>;
  /** The author opens, saves or leaves the correction of their own talking point, or removes it. */
  onEditPoint?: (itemId: string | null) => void;
  onSavePoint?: (itemId: string, text: string) => Promise<boolean>;
  onRemovePoint?: (itemId: string) => void;
  /** What the other person added or changed, until seen: keys of `itemKey`. */
  news?: ReadonlySet<string>;
  onSeen?: (keys: readonly string[]) => void;
  /** What the section holds besides its items, such as the career plan where the agenda asks about it. */
  children?: ReactNode;
}

const STATUS_WORDS: Record<ActionView['status'], string> = { open: 'open', done: 'done', dropped: 'dropped' };
const PROPOSAL_WORDS: Record<ActionView['status'], string> = { done: 'Done', open: 'Keep open', dropped: 'Drop' };
/** How the agreed record reads a reviewed action: what both agreed, not what one proposed. */
const AGREED_WORDS: Record<ActionView['status'], string> = {
  done: 'Done, agreed',
  open: 'Kept open, agreed',
  dropped: 'Dropped, agreed',
};

/** The ids of an item's controls, so focus can come back to them after a write. */
export const tickId = (itemId: string) => `tick-${idOf(itemId)}`;
export const proposeId = (itemId: string, status: string) => `propose-${idOf(itemId)}-${status}`;
export const pointEditId = (itemId: string) => `point-edit-${idOf(itemId)}`;

/** One carried action under review: one line, with the proposal buttons only while a draft. */
function ReviewItem({
  item,
  carried,
  agreed,
  props,
}: {
  item: Item;
  carried: ActionView | undefined;
  agreed: AgreedReview | undefined;
  props: Props;
}) {
  const { conversationId, people, myRole, names, editable, busy, onPropose, onWriteNote } = props;
  const styles = useAgendaStyles();
  const { ref, fresh } = useFresh<HTMLLIElement>(itemKey(item.id), props.news, props.onSeen);
  const proposal = item.proposal;
  const proposer = proposal ? (people[proposal.by] ?? 'someone') : '';
  return (
    <li ref={ref} className={mergeClasses(styles.carried, fresh && styles.fresh)} data-testid={`review-${item.id}`}>
      {fresh ? <NewBadge /> : null}
      <Text className={styles.reviewTitle}>
        {item.text}{' '}
        <span className={styles.reviewStatus}>
          {agreed
            ? `(${agreed.owner}’s)`
            : carried
              ? `(${STATUS_WORDS[carried.status]}, ${carried.owner}’s)`
              : '(no longer in the plan)'}
        </span>
      </Text>
      {agreed ? (
        <Text className={styles.agreedStatus} data-testid={`agreed-review-${item.id}`}>
          {AGREED_WORDS[agreed.status]}
        </Text>
      ) : proposal ? (
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
              id={proposeId(item.id, status)}
              size="small"
              aria-pressed={proposal?.status === status}
              appearance={proposal?.status === status ? 'primary' : 'subtle'}
              disabledFocusable={busy}
              onClick={() => {
                onPropose(item.id, proposal?.status === status ? null : status);
              }}
            >
              {PROPOSAL_WORDS[status]}
            </Button>
          ))}
        </div>
      ) : null}
      <ItemNotes
        item={item}
        conversationId={conversationId}
        myRole={myRole}
        names={names}
        editable={editable}
        busy={busy}
        onWrite={onWriteNote}
      />
    </li>
  );
}

/** One item to tick: a prompt of the template or a talking point, with its notes and, for its author, its buttons. */
function AgendaItemRow({ item, props }: { item: Item; props: Props }) {
  const { conversationId, people, myId, myRole, names, editable, busy, editingPoint, onTick, onWriteNote } = props;
  const { onEditPoint, onSavePoint, onRemovePoint } = props;
  const styles = useAgendaStyles();
  const hidden = useVisuallyHiddenStyles();
  const { ref, fresh } = useFresh<HTMLLIElement>(itemKey(item.id), props.news, props.onSeen);
  const label = (
    <span className={styles.itemLabel}>
      {item.text}
      {item.optional ? <span className={styles.optional}> (optional)</span> : null}
    </span>
  );
  const mine = item.source === 'talkingPoint' && item.authorId === myId;
  if (mine && editable && editingPoint === item.id && onSavePoint && onEditPoint) {
    return (
      <li ref={ref} className={mergeClasses(styles.item, fresh && styles.fresh)}>
        <Suspense fallback={null}>
          <TalkingPointEditor
            domId={idOf(item.id)}
            draftKey={`talking-point:${conversationId}:${item.id}`}
            saved={item.text}
            busy={busy}
            onSave={(text) => onSavePoint(item.id, text)}
            onClose={() => {
              onEditPoint(null);
            }}
          />
        </Suspense>
      </li>
    );
  }
  const byline =
    item.source === 'talkingPoint' ? (
      <>
        <Text className={mergeClasses(styles.author, item.prepared && styles.prepared)}>
          {item.prepared ? 'Prepared by' : 'Added by'} {people[item.authorId ?? ''] ?? 'someone'}
        </Text>
        {mine && editable && onEditPoint && onRemovePoint ? (
          <>
            <Button
              id={pointEditId(item.id)}
              className={styles.small}
              size="small"
              appearance="transparent"
              aria-label={`Edit my talking point: ${item.text}`}
              onClick={() => {
                onEditPoint(item.id);
              }}
            >
              Edit
            </Button>
            <Button
              className={styles.small}
              size="small"
              appearance="transparent"
              disabledFocusable={busy}
              aria-label={`Remove my talking point: ${item.text}`}
              onClick={() => {
                onRemovePoint(item.id);
              }}
            >
              Remove
            </Button>
          </>
        ) : null}
      </>
    ) : undefined;
  return (
    <li ref={ref} className={mergeClasses(styles.item, fresh && styles.fresh)} data-testid={`item-${item.id}`}>
      {fresh ? <NewBadge /> : null}
      {editable ? (
        <Checkbox
          id={tickId(item.id)}
          checked={item.discussed}
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
      <ItemNotes
        item={item}
        conversationId={conversationId}
        myRole={myRole}
        names={names}
        editable={editable}
        busy={busy}
        onWrite={onWriteNote}
        byline={byline}
      />
    </li>
  );
}

/** One section of the agenda, folding: its prompts and talking points to tick, or last time's actions to review. */
export function AgendaSection(props: Props) {
  const { section, items, carriedActions, agreedReview, open, onToggle, children } = props;
  const styles = useAgendaStyles();
  const headingId = `section-${section.id}`;
  const progress = discussionProgress(items);
  const fresh = items.filter((item) => props.news?.has(itemKey(item.id))).length;
  return (
    <details
      className={styles.section}
      open={open}
      data-section={section.id}
      onToggle={(event) => {
        onToggle(event.currentTarget.open);
      }}
    >
      <summary className={styles.summary} id={`summary-${section.id}`}>
        <span aria-hidden="true" className={styles.chevron}>
          {open ? '▾' : '▸'}
        </span>
        <h3 id={headingId} className={styles.heading}>
          {section.title}
        </h3>
        {fresh > 0 && !open ? (
          <Badge size="small" appearance="filled" color="brand" data-testid={`new-in-${section.id}`}>
            {fresh} new
          </Badge>
        ) : null}
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
            const agreed = ref
              ? agreedReview?.find(
                  (entry) => entry.actionId === ref.actionId && entry.conversationId === ref.conversationId,
                )
              : undefined;
            return <ReviewItem key={item.id} item={item} carried={carried} agreed={agreed} props={props} />;
          }
          return <AgendaItemRow key={item.id} item={item} props={props} />;
        })}
      </ul>
      {children}
    </details>
  );
}
