import { Text } from '@fluentui/react-components';
import type { ConversationRecord } from '../../../functions/src/contract';
import type { Aspiration } from '../../../functions/src/domain';
import { ASPIRATION_NAMES, ASPIRATIONS } from '../../../functions/src/domain/vocabulary';
import { useWhatChangedStyles } from './what-changed.styles';

type Snapshot = NonNullable<ConversationRecord['snapshot']>;

const FIELD_NAMES: Record<Snapshot['changes']['careerPlan'][number]['field'], string> = {
  aspiration: 'Aspiration',
  focusAreas: 'Focus areas',
  careerScenario: 'Career scenario',
};

function isAspiration(value: string): value is Aspiration {
  return (ASPIRATIONS as readonly string[]).includes(value);
}

function shown(field: keyof typeof FIELD_NAMES, value: string | null): string {
  if (value === null) return 'none';
  return field === 'aspiration' && isAspiration(value) ? ASPIRATION_NAMES[value] : value;
}

function list(label: string, titles: string[]) {
  return titles.length > 0 ? (
    <li>
      {label}: {titles.join('; ')}
    </li>
  ) : null;
}

/** What an agreed conversation changed since the previous one of its type, from its snapshot. */
export function WhatChanged({ snapshot }: { snapshot: Snapshot }) {
  const styles = useWhatChangedStyles();
  const { changes } = snapshot;
  const nothing =
    changes.careerPlan.length === 0 &&
    changes.actionsAdded.length === 0 &&
    changes.done.length === 0 &&
    changes.dropped.length === 0 &&
    changes.carried.length === 0;
  return (
    <section className={styles.root} aria-label="What changed" data-testid="what-changed">
      <Text className={styles.heading}>
        {changes.previousConversationId ? 'What changed since the last one' : 'The first conversation of this kind'}
      </Text>
      {nothing ? <Text className={styles.subtle}>Nothing changed.</Text> : null}
      <ul className={styles.list}>
        {changes.careerPlan.map((change) => (
          <li key={change.field}>
            {FIELD_NAMES[change.field]}: {shown(change.field, change.before)} → {shown(change.field, change.after)}
          </li>
        ))}
        {list('New actions', changes.actionsAdded)}
        {list('Done', changes.done)}
        {list('Dropped', changes.dropped)}
        {list('Carried on', changes.carried)}
      </ul>
      <Text className={styles.subtle}>
        Ownership when agreed: employee {snapshot.ownership.employee}, manager {snapshot.ownership.manager}.
      </Text>
    </section>
  );
}
