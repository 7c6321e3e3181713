import { Text, mergeClasses } from '@fluentui/react-components';
import type { ConversationView } from '../../../functions/src/contract';
import { useOwnershipMeterStyles } from './ownership-meter.styles';

interface Props {
  ownership: ConversationView['ownership'];
  /** Show the rule's whole explanation (where there is room), or one short line (the footer). */
  detail?: 'full' | 'short';
}

/** The one line the footer has room for; the full reason stays beside the actions. */
function shortStatus(ownership: ConversationView['ownership']): string {
  if (ownership.satisfied) return 'The employee owns more actions: it is their plan.';
  if (ownership.employee + ownership.manager === 0) return 'Capture actions: the employee should own more.';
  const needed = ownership.manager - ownership.employee + 1;
  return `The employee needs ${needed === 1 ? 'one more action' : `${needed} more`}, or hand one over.`;
}

/** Employee versus manager actions in this conversation, with the rule in plain words. */
export function OwnershipMeter({ ownership, detail = 'full' }: Props) {
  const styles = useOwnershipMeterStyles();
  const total = ownership.employee + ownership.manager;
  const employeeShare = total === 0 ? 0 : (ownership.employee / total) * 100;
  // No red before anyone has captured an action: the rule is explained, nothing has gone wrong yet.
  const tone = ownership.satisfied ? styles.ok : total === 0 ? styles.neutral : styles.warning;
  const status =
    detail === 'short' || ownership.satisfied || total === 0 ? shortStatus(ownership) : (ownership.reason ?? '');
  const employeeCount = (
    <Text className={styles.count}>
      <span className={mergeClasses(styles.swatch, styles.employee)} aria-hidden="true" />
      Employee: {ownership.employee}
    </Text>
  );
  const managerCount = (
    <Text className={styles.count}>
      <span className={mergeClasses(styles.swatch, styles.manager)} aria-hidden="true" />
      Manager: {ownership.manager}
    </Text>
  );
  const bar = (
    <div
      className={mergeClasses(styles.bar, detail === 'short' && styles.inlineBar)}
      role="meter"
      aria-label="Share of actions the employee owns"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(employeeShare)}
      aria-valuetext={`Employee ${ownership.employee}, manager ${ownership.manager}`}
    >
      <div className={styles.employee} data-segment="employee" style={{ width: `${employeeShare}%` }} />
      <div
        className={styles.manager}
        data-segment="manager"
        style={{ width: `${total === 0 ? 0 : 100 - employeeShare}%` }}
      />
    </div>
  );
  return (
    <section className={styles.root} aria-label="Who owns the actions">
      {detail === 'short' ? (
        // One line in the footer: each count beside its end of the bar.
        <div className={styles.inline}>
          {employeeCount}
          {bar}
          {managerCount}
        </div>
      ) : (
        <>
          <div className={styles.counts}>
            {employeeCount}
            {managerCount}
          </div>
          {bar}
        </>
      )}
      <Text role="status" className={mergeClasses(styles.status, tone)} data-testid="ownership-status">
        {status}
      </Text>
    </section>
  );
}
