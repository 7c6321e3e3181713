import { Text, mergeClasses } from '@fluentui/react-components';
import type { ConversationSummary } from '../../../functions/src/contract';
import type { LearningKind } from '../../../functions/src/domain';
import { LEARNING_KINDS, LEARNING_KIND_NAMES } from '../../../functions/src/domain/vocabulary';
import { useFormats } from './format';
import { useLearningMixStyles } from './learning-mix.styles';
import { useVisuallyHiddenStyles } from './visually-hidden.styles';

/** Where the healthy mix changes kind along a bar ordered formal → others → on the job: 10 %, then 10 + 20 %. */
const HEALTHY_MARKS = [10, 30];

const SHORT: Record<LearningKind, string> = { formal: 'formal', fromOthers: 'others', onTheJob: 'on the job' };

function percent(share: number): number {
  return Math.round(share * 100);
}

/**
 * The 70-20-10 mix of each conversation over time, oldest at the top: one bar per conversation that
 * planned learning, split by kind in percent, with the healthy mix marked on each bar.
 */
export default function LearningMixChart({ items }: { items: ConversationSummary[] }) {
  const styles = useLearningMixStyles();
  const hidden = useVisuallyHiddenStyles();
  const { date } = useFormats();
  const rows = items
    .filter((item) => item.learningMix.classified > 0)
    .slice()
    .reverse();
  if (rows.length === 0) return <Text>No actions with a kind of learning yet.</Text>;
  return (
    <figure className={styles.root} aria-labelledby="mix-caption">
      <ol className={styles.rows} aria-hidden="true">
        {rows.map((row) => (
          <li key={row.conversation.id} className={styles.row}>
            <Text className={styles.date}>{date(row.conversation.agreedAt ?? row.conversation.createdAt)}</Text>
            <div className={styles.track}>
              <div className={styles.bar}>
                {LEARNING_KINDS.map((kind) => (
                  <div
                    key={kind}
                    data-segment={kind}
                    className={mergeClasses(styles.segment, styles[kind])}
                    style={{ width: `${percent(row.learningMix.shares[kind])}%` }}
                  />
                ))}
                {HEALTHY_MARKS.map((mark) => (
                  <span key={mark} className={styles.mark} style={{ left: `${mark}%` }} />
                ))}
              </div>
              <Text className={styles.shares}>
                {LEARNING_KINDS.map((kind) => `${percent(row.learningMix.shares[kind])}% ${SHORT[kind]}`).join(' · ')}
              </Text>
            </div>
          </li>
        ))}
      </ol>
      <figcaption id="mix-caption" className={styles.legend}>
        {LEARNING_KINDS.map((kind) => (
          <span key={kind} className={styles.key}>
            <span className={mergeClasses(styles.swatch, styles[kind])} aria-hidden="true" />
            {LEARNING_KIND_NAMES[kind]}
          </span>
        ))}
        <span className={styles.key}>
          <span aria-hidden="true">┆</span> the healthy mix: 10 formal, 20 from others, 70 on the job
        </span>
      </figcaption>
      {/* Hidden by its box, not by its own width: a table ignores a width smaller than its content. */}
      <div className={hidden.visuallyHidden}>
        <table>
          <caption>Learning mix per conversation, oldest first, in percent of its actions</caption>
          <thead>
            <tr>
              <th>Date</th>
              {LEARNING_KINDS.map((kind) => (
                <th key={kind}>{LEARNING_KIND_NAMES[kind]}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.conversation.id}>
                <td>{date(row.conversation.agreedAt ?? row.conversation.createdAt)}</td>
                {LEARNING_KINDS.map((kind) => (
                  <td key={kind}>{percent(row.learningMix.shares[kind])}%</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
