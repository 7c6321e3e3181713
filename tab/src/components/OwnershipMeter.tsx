import { Text } from '@fluentui/react-components';
import type { ConversationView } from '../../../functions/src/contract';
import { useOwnershipMeterStyles } from './ownership-meter.styles';

/** Employee versus manager actions in this conversation, with the rule in plain words. */
export function OwnershipMeter({ ownership }: { ownership: ConversationView['ownership'] }) {
  const styles = useOwnershipMeterStyles();
  const total = ownership.employee + ownership.manager;
  const employeeShare = total === 0 ? 0 : (ownership.employee / total) * 100;
  return (
    <section className={styles.root} aria-label="Who owns the actions">
      <div className={styles.counts}>
        <Text>Employee: {ownership.employee}</Text>
        <Text>Manager: {ownership.manager}</Text>
      </div>
      <div
        className={styles.bar}
        role="meter"
        aria-label="Share of actions the employee owns"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(employeeShare)}
        aria-valuetext={`Employee ${ownership.employee}, manager ${ownership.manager}`}
      >
        <div className={styles.employee} style={{ width: `${employeeShare}%` }} />
        <div className={styles.manager} style={{ width: `${total === 0 ? 0 : 100 - employeeShare}%` }} />
      </div>
      <Text role="status" className={ownership.satisfied ? styles.ok : styles.warning} data-testid="ownership-status">
        {ownership.satisfied
          ? 'The employee owns more actions than the manager: this is their plan.'
          : ownership.reason}
      </Text>
    </section>
  );
}
