import { Badge, Button, Text, mergeClasses } from '@fluentui/react-components';
import type { ActionView } from '../../../functions/src/contract';
import { LEARNING_KIND_NAMES } from '../../../functions/src/domain';
import { useActionStyles } from './actions.styles';

interface Props {
  actions: ActionView[];
  employeeName: string;
  managerName: string;
  busy: boolean;
  onStatus?: (action: ActionView, status: ActionView['status']) => void;
}

/** The actions captured in a conversation, each with its one owner. */
export function ActionList({ actions, employeeName, managerName, busy, onStatus }: Props) {
  const styles = useActionStyles();
  if (actions.length === 0) return <Text className={styles.empty}>No actions yet.</Text>;
  return (
    <ul className={styles.list} aria-label="Actions">
      {actions.map((action) => (
        <li key={action.id} className={styles.action} data-testid={`action-${action.id}`}>
          <Text className={mergeClasses(styles.title, action.status === 'dropped' && styles.dropped)}>
            {action.title}
          </Text>
          <div className={styles.meta}>
            <Badge appearance="tint" color={action.owner === 'employee' ? 'success' : 'warning'}>
              {action.owner === 'employee' ? employeeName : managerName}
            </Badge>
            {action.status !== 'open' ? (
              <Badge appearance="outline">{action.status === 'done' ? 'Done' : 'Dropped'}</Badge>
            ) : null}
            {action.learningKind ? (
              <Text className={styles.small}>{LEARNING_KIND_NAMES[action.learningKind]}</Text>
            ) : null}
            {action.dueDate ? <Text className={styles.small}>Due {action.dueDate}</Text> : null}
          </div>
          {onStatus ? (
            <div className={styles.meta}>
              {action.status === 'open' ? (
                <>
                  {action.agreed ? (
                    <Button
                      size="small"
                      disabled={busy}
                      onClick={() => {
                        onStatus(action, 'done');
                      }}
                    >
                      Mark done
                    </Button>
                  ) : null}
                  <Button
                    size="small"
                    appearance="subtle"
                    disabled={busy}
                    onClick={() => {
                      onStatus(action, 'dropped');
                    }}
                    aria-label={`Drop: ${action.title}`}
                  >
                    Drop
                  </Button>
                </>
              ) : (
                <Button
                  size="small"
                  appearance="subtle"
                  disabled={busy}
                  onClick={() => {
                    onStatus(action, 'open');
                  }}
                  aria-label={`Reopen: ${action.title}`}
                >
                  Reopen
                </Button>
              )}
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
