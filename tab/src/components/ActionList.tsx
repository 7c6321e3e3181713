import { Badge, Button, Text, mergeClasses } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { ActionView } from '../../../functions/src/contract';
import type { Owner, PlanRole } from '../../../functions/src/domain';
import { LEARNING_KIND_NAMES } from '../../../functions/src/domain/vocabulary';
import { useActionStyles } from './actions.styles';
import { useFitBadgeStyles } from './badge.styles';
import { actionKey } from '../api/news';
import { useFormats } from './format';
import { NewBadge, useFresh } from './fresh';

interface Props {
  actions: ActionView[];
  names: Record<Owner, string>;
  /** The person looking: after agreement they move only their own actions. */
  myRole: PlanRole;
  busy: boolean;
  /**
   * `draft`: either person hands an action over or removes it; `agreed`: each person moves only
   * their own actions on; `readOnly`: nothing to do here.
   */
  mode: 'draft' | 'agreed' | 'readOnly';
  onStatus?: (action: ActionView, status: ActionView['status']) => void;
  onHandOver?: (action: ActionView, owner: Owner) => void;
  /** Opens the action's form, filled in: title, owner, kind, due date and focus area. */
  onEdit?: (action: ActionView) => void;
  onRemove?: (action: ActionView) => void;
  /** What a screen reader calls the list, where a page has several. */
  label?: string;
  /** Off where the list already sits under its focus area. */
  showFocusArea?: boolean;
  /** What the other person added or changed, until seen: keys of `actionKey`. */
  news?: ReadonlySet<string>;
  onSeen?: (keys: readonly string[]) => void;
}

/** An action's list item, marked while it is new to the person looking. */
function ActionItem({ action, props, children }: { action: ActionView; props: Props; children: ReactNode }) {
  const styles = useActionStyles();
  const { ref, fresh } = useFresh<HTMLLIElement>(actionKey(action), props.news, props.onSeen);
  return (
    <li ref={ref} className={mergeClasses(styles.action, fresh && styles.fresh)} data-testid={`action-${action.id}`}>
      {fresh ? <NewBadge /> : null}
      {children}
    </li>
  );
}

/** The id of an action's Edit button: focus returns there when its form closes. */
export const editButtonId = (action: Pick<ActionView, 'conversationId' | 'id'>) =>
  `edit-${action.conversationId}-${action.id}`;

/** The ids of an action's other buttons, so focus can come back to them after a write. */
export const actionButtonId = (action: Pick<ActionView, 'conversationId' | 'id'>, what: string) =>
  `${what}-${action.conversationId}-${action.id}`;

const OTHER: Record<Owner, Owner> = { employee: 'manager', manager: 'employee' };

/** Where the owner can move an agreed action from each status: done or dropped, and back to open. */
const MOVES: Record<ActionView['status'], { to: ActionView['status']; label: string; subtle?: boolean }[]> = {
  open: [
    { to: 'done', label: 'Mark done' },
    { to: 'dropped', label: 'Drop', subtle: true },
  ],
  done: [{ to: 'open', label: 'Reopen', subtle: true }],
  dropped: [{ to: 'open', label: 'Reopen', subtle: true }],
};

/** The actions captured in a conversation, each with its one owner. */
export function ActionList(props: Props) {
  const { actions, names, myRole, busy, mode, onStatus, onHandOver, onEdit, onRemove } = props;
  const { label = 'Actions', showFocusArea = true } = props;
  const styles = useActionStyles();
  const { fit } = useFitBadgeStyles();
  const { date } = useFormats();
  if (actions.length === 0) return <Text className={styles.empty}>No actions yet.</Text>;
  return (
    <ul className={styles.list} aria-label={label}>
      {actions.map((action) => (
        <ActionItem key={action.id} action={action} props={props}>
          <Text className={mergeClasses(styles.title, action.status === 'dropped' && styles.dropped)}>
            {action.title}
          </Text>
          <div className={styles.meta}>
            <Badge className={fit} appearance="tint" color={action.owner === 'employee' ? 'success' : 'warning'}>
              {names[action.owner]}
            </Badge>
            {action.status !== 'open' ? (
              <Badge className={fit} appearance="outline">
                {action.status === 'done' ? 'Done' : 'Dropped'}
              </Badge>
            ) : null}
            {action.learningKind ? (
              <Text className={styles.small}>{LEARNING_KIND_NAMES[action.learningKind]}</Text>
            ) : null}
            {action.dueDate ? <Text className={styles.small}>Due {date(action.dueDate)}</Text> : null}
          </div>
          {action.focusArea && showFocusArea ? (
            <Text className={styles.small} data-testid="serves">
              Serves: {action.focusArea}
            </Text>
          ) : null}
          {mode === 'draft' ? (
            // The one-click hand-over on a line of its own (it carries a name); the lesser buttons under it.
            <>
              {onHandOver ? (
                <div className={styles.meta}>
                  <Button
                    id={actionButtonId(action, 'handover')}
                    size="small"
                    disabledFocusable={busy}
                    onClick={() => {
                      onHandOver(action, OTHER[action.owner]);
                    }}
                    aria-label={`Hand over to ${names[OTHER[action.owner]]}: ${action.title}`}
                  >
                    Hand over to {names[OTHER[action.owner]]}
                  </Button>
                </div>
              ) : null}
              <div className={styles.meta}>
                {onEdit ? (
                  <Button
                    id={editButtonId(action)}
                    size="small"
                    disabledFocusable={busy}
                    onClick={() => {
                      onEdit(action);
                    }}
                    aria-label={`Edit: ${action.title}`}
                  >
                    Edit
                  </Button>
                ) : null}
                {action.status === 'dropped' && onStatus ? (
                  <Button
                    id={actionButtonId(action, 'keep')}
                    size="small"
                    appearance="subtle"
                    disabledFocusable={busy}
                    onClick={() => {
                      onStatus(action, 'open');
                    }}
                    aria-label={`Keep: ${action.title}`}
                  >
                    Keep it
                  </Button>
                ) : null}
                {onRemove ? (
                  <Button
                    id={actionButtonId(action, 'remove')}
                    size="small"
                    appearance="subtle"
                    disabledFocusable={busy}
                    onClick={() => {
                      onRemove(action);
                    }}
                    aria-label={`Remove: ${action.title}`}
                  >
                    Remove
                  </Button>
                ) : null}
              </div>
            </>
          ) : null}
          {mode === 'agreed' && onStatus && action.agreed ? (
            action.owner === myRole ? (
              <div className={styles.meta}>
                {MOVES[action.status].map((move) => (
                  <Button
                    key={move.to}
                    id={actionButtonId(action, `status-${move.to}`)}
                    size="small"
                    appearance={move.subtle ? 'subtle' : 'secondary'}
                    disabledFocusable={busy}
                    onClick={() => {
                      onStatus(action, move.to);
                    }}
                    aria-label={`${move.label}: ${action.title}`}
                  >
                    {move.label}
                  </Button>
                ))}
              </div>
            ) : (
              <Text className={styles.small}>{names[action.owner]} moves this one on.</Text>
            )
          ) : null}
        </ActionItem>
      ))}
    </ul>
  );
}
