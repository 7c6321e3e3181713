import { Button, Text, mergeClasses } from '@fluentui/react-components';
import type { ConversationView } from '../../../functions/src/contract';
import type { PlanRole } from '../../../functions/src/domain';
import { CHANGE_KINDS } from '../../../functions/src/domain/vocabulary';
import { ProblemBar } from './ProblemBar';
import { useAgreementBarStyles } from './agreement-bar.styles';
import { useVisuallyHiddenStyles } from './visually-hidden.styles';

interface Props {
  view: ConversationView;
  /** The person looking at the panel. */
  myRole: PlanRole;
  busy: boolean;
  onAgree: () => void;
  onWithdraw: () => void;
}

function timeOf(iso: string): string {
  return new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/**
 * Where both people agree the plan: each confirms the version they see, each sees the other's
 * confirmation, and a change after one confirmed asks them to agree again.
 */
export function AgreementBar({ view, myRole, busy, onAgree, onWithdraw }: Props) {
  const styles = useAgreementBarStyles();
  const hidden = useVisuallyHiddenStyles();
  const { confirmations, withdrawal } = view.conversation;
  const names: Record<PlanRole, string> = {
    employee: view.employee.displayName,
    manager: view.manager.displayName,
  };
  const mine = confirmations.find((entry) => entry.role === myRole);
  const withdrawnForMe = withdrawal?.roles.includes(myRole) ? withdrawal : null;

  return (
    <div className={styles.root} data-testid="agreement">
      {withdrawnForMe ? (
        <ProblemBar
          intent="warning"
          message={`${withdrawnForMe.role === myRole ? 'You' : names[withdrawnForMe.role]} ${CHANGE_KINDS[withdrawnForMe.kind]} after you agreed: have a look and agree again.`}
        />
      ) : null}
      <div className={styles.row}>
        <ul className={styles.people} aria-label="Who has agreed">
          {(['employee', 'manager'] as const).map((role) => {
            const confirmation = confirmations.find((entry) => entry.role === role);
            const who = role === myRole ? 'You' : names[role];
            return (
              <li key={role} className={styles.person} data-testid={`agreed-${role}`}>
                <span
                  aria-hidden="true"
                  className={mergeClasses(styles.mark, confirmation ? styles.agreed : styles.waiting)}
                >
                  {confirmation ? '✓' : '○'}
                </span>
                <Text size={200}>
                  {confirmation
                    ? `${who} agreed at ${timeOf(confirmation.at)}`
                    : who === 'You'
                      ? 'Waiting for you'
                      : `Waiting for ${who}`}
                </Text>
              </li>
            );
          })}
        </ul>
        {mine ? (
          <Button size="small" disabled={busy} onClick={onWithdraw} aria-describedby="agree-why">
            Take back
          </Button>
        ) : (
          <Button
            appearance="primary"
            // Still reachable by Tab while the rule fails, so a keyboard user hears why it cannot be pressed.
            disabledFocusable={!view.ownership.satisfied || busy}
            aria-describedby="agree-why"
            onClick={onAgree}
          >
            Agree the plan
          </Button>
        )}
      </div>
      <span id="agree-why" className={hidden.visuallyHidden}>
        {!view.ownership.satisfied
          ? 'You can agree once the employee owns more actions than the manager.'
          : mine
            ? 'Takes back your agreement. Any change to the plan also asks you both to agree again.'
            : 'You agree to the version you see. When you both have, it becomes the agreed plan.'}
      </span>
    </div>
  );
}
