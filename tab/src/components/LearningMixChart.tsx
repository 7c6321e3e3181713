import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ConversationSummary } from '../../../functions/src/contract';
import { LEARNING_KINDS, LEARNING_KIND_NAMES, type LearningKind } from '../../../functions/src/domain';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  legend: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalM, fontSize: tokens.fontSizeBase200 },
  swatch: {
    display: 'inline-block',
    width: '10px',
    height: '10px',
    marginRight: tokens.spacingHorizontalXS,
    borderRadius: '2px',
  },
  srOnly: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  },
});

const COLOURS: Record<LearningKind, string> = {
  formal: tokens.colorPaletteBlueBorderActive,
  fromOthers: tokens.colorPaletteMarigoldBorderActive,
  onTheJob: tokens.colorPaletteGreenBorderActive,
};

/** The 70-20-10 mix of each job-development conversation over time: one stacked bar per conversation. */
export default function LearningMixChart({ items }: { items: ConversationSummary[] }) {
  const styles = useStyles();
  const bars = items
    .filter((item) => item.learningMix.classified > 0)
    .slice()
    .reverse();
  if (bars.length === 0) return <Text>No actions with a kind of learning yet.</Text>;
  const width = 24;
  const gap = 10;
  const height = 80;
  const max = Math.max(...bars.map((bar) => bar.learningMix.classified));
  return (
    <figure className={styles.root} aria-labelledby="mix-caption">
      <svg width={bars.length * (width + gap)} height={height} role="img" aria-labelledby="mix-caption">
        {bars.map((bar, index) => {
          let y = height;
          return (
            <g key={bar.conversation.id}>
              {LEARNING_KINDS.map((kind) => {
                const size = (bar.learningMix.counts[kind] / max) * height;
                y -= size;
                return (
                  <rect key={kind} x={index * (width + gap)} y={y} width={width} height={size} fill={COLOURS[kind]} />
                );
              })}
            </g>
          );
        })}
      </svg>
      <figcaption id="mix-caption" className={styles.legend}>
        {LEARNING_KINDS.map((kind) => (
          <span key={kind}>
            <span className={styles.swatch} style={{ backgroundColor: COLOURS[kind] }} aria-hidden="true" />
            {LEARNING_KIND_NAMES[kind]}
          </span>
        ))}
      </figcaption>
      <table className={styles.srOnly}>
        <caption>Learning mix per conversation, oldest first</caption>
        <thead>
          <tr>
            <th>Date</th>
            {LEARNING_KINDS.map((kind) => (
              <th key={kind}>{LEARNING_KIND_NAMES[kind]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {bars.map((bar) => (
            <tr key={bar.conversation.id}>
              <td>{bar.conversation.createdAt.slice(0, 10)}</td>
              {LEARNING_KINDS.map((kind) => (
                <td key={kind}>{bar.learningMix.counts[kind]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
