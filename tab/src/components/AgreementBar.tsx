import { Button, Text, mergeClasses } from '@fluentui/react-components';
import type { ConversationView } from '../../../functions/src/contract';
import type { PlanRole } from '../../../functions/src/domain';
import { CHANGE_KINDS } from '../../../functions/src/domain/vocabulary';
import { useAgreementBarStyles } from './agreement-bar.styles';
import { useFormats } from './format';
import { useVisuallyHiddenStyles } from './visually-hidden.styles';

interface Props {
  view: ConversationView;
  /** The person looking at the panel. */
  myRole: PlanRole;
  busy: boolean;
  onAgree: () => void;
  onWithdraw: () => void;
}

/** The id of the footer's one button (Agree, or Take back): focus stays on it whichever it becomes. */
export const AGREE_BUTTON_ID = 'agree-button';

/** What a change after my confirmation did, in one sentence: shown above the agenda, where there is room. */
export function withdrawalNotice(view: ConversationView, myRole: PlanRole): string | null {
  const withdrawal = view.conversation.withdrawal;
  if (!withdrawal?.roles.includes(myRole)) return null;
  const who = withdrawal.role === myRole ? 'You' : view[withdrawal.role].displayName;
  return `${who} ${CHANGE_KINDS[withdrawal.kind]} after you agreed: have a look and agree again.`;
}

/**
 * Where both people agree the plan, in the footer: each person's confirmation as plain text (who agreed, when; who
 * is still to), and the one button: Agree, or Take back once I have agreed.
 */
export function AgreementBar({ view, myRole, busy, onAgree, onWithdraw }: Props) {
  const styles = useAgreementBarStyles();
  const hidden = useVisuallyHiddenStyles();
  const { time } = useFormats();
  const { confirmations } = view.conversation;
  const names: Record<PlanRole, string> = {
    employee: view.employee.displayName,
    manager: view.manager.displayName,
  };
  const mine = confirmations.find((entry) => entry.role === myRole);
  const againForMe = withdrawalNotice(view, myRole) !== null;

  return (
    <div className={styles.root} data-testid="agreement">
      <ul className={styles.people} aria-label="Who has agreed">
        {(['employee', 'manager'] as const).map((role) => {
          const confirmation = confirmations.find((entry) => entry.role === role);
          const who = role === myRole ? 'You' : names[role];
          const waiting =
            role === myRole && againForMe ? 'Agree again' : who === 'You' ? 'Waiting for you' : `Waiting for ${who}`;
          return (
            <li
              key={role}
              className={mergeClasses(styles.person, !confirmation && styles.waiting)}
              data-testid={`agreed-${role}`}
            >
              {confirmation ? (
                <>
                  <span aria-hidden="true" className={styles.agreed}>
                    ✓{' '}
                  </span>
                  <Text size={200} className={styles.agreed}>{`${who} agreed at ${time(confirmation.at)}`}</Text>
                </>
              ) : (
                <Text size={200}>{waiting}</Text>
              )}
            </li>
          );
        })}
      </ul>
      {mine ? (
        <Button
          id={AGREE_BUTTON_ID}
          className={styles.button}
          size="small"
          disabledFocusable={busy}
          onClick={onWithdraw}
          aria-describedby="agree-why"
        >
          Take back
        </Button>
      ) : (
        <Button
          id={AGREE_BUTTON_ID}
          className={styles.button}
          appearance="primary"
          // Still reachable by Tab while the rule fails, so a keyboard user hears why it cannot be pressed.
          disabledFocusable={!view.ownership.satisfied || busy}
          aria-describedby="agree-why"
          onClick={onAgree}
        >
          Agree the plan
        </Button>
      )}
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
