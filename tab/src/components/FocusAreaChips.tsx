import { Text } from '@fluentui/react-components';
import { useFocusAreaStyles } from './focus-areas.styles';

/** The plan's focus areas, compact, where a job-development conversation starts. */
export function FocusAreaChips({ focusAreas, mine }: { focusAreas: string[]; mine: boolean }) {
  const styles = useFocusAreaStyles();
  if (focusAreas.length === 0) {
    return (
      <Text className={styles.subtle} data-testid="focus-areas">
        {mine
          ? 'No focus areas yet: name them in your career plan in My plan.'
          : 'No focus areas yet: the employee names them in their career plan.'}
      </Text>
    );
  }
  return (
    <div className={styles.focusAreas} data-testid="focus-areas">
      <Text className={styles.label} id="focus-areas-label">
        Focus areas from the career plan
      </Text>
      <ul className={styles.chips} aria-labelledby="focus-areas-label">
        {focusAreas.map((area) => (
          <li key={area} className={styles.chip}>
            {area}
          </li>
        ))}
      </ul>
    </div>
  );
}
