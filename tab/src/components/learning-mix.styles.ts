import { makeStyles, tokens } from '@fluentui/react-components';

/*
 * The three kinds of learning differ by pattern as well as colour: in Teams' high-contrast theme the
 * palette collapses to one colour, and people who do not tell green from orange still tell stripes
 * from dots from a solid fill.
 */
const stripes = (colour: string) =>
  `repeating-linear-gradient(135deg, ${colour} 0 3px, ${tokens.colorNeutralBackground1} 3px 6px)`;
const dots = (colour: string) =>
  `radial-gradient(${colour} 1.5px, ${tokens.colorNeutralBackground1} 1.6px) 0 0 / 5px 5px`;

export const useLearningMixStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, margin: 0 },
  rows: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, margin: 0, padding: 0 },
  // The date beside its bar where there is room; above it on a phone or with large text.
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    alignItems: 'center',
    listStyle: 'none',
  },
  date: { flex: '0 0 6.5em', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  track: {
    position: 'relative',
    flex: '1 1 10em',
    minWidth: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
  },
  bar: {
    position: 'relative',
    display: 'flex',
    height: '14px',
    outline: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  formal: { backgroundColor: tokens.colorPaletteBlueBorderActive },
  fromOthers: { background: stripes(tokens.colorPaletteMarigoldBorderActive) },
  onTheJob: { background: dots(tokens.colorPaletteGreenBorderActive) },
  segment: { height: '100%', boxSizing: 'border-box', borderRight: `1px solid ${tokens.colorNeutralBackground1}` },
  // The healthy mix as marks on every bar: formal up to 10 %, others up to 30 %, the job the rest.
  mark: {
    position: 'absolute',
    top: '-3px',
    bottom: '-3px',
    width: 0,
    borderLeft: `${tokens.strokeWidthThick} dashed ${tokens.colorNeutralForeground1}`,
  },
  shares: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    fontSize: tokens.fontSizeBase200,
  },
  key: { display: 'inline-flex', alignItems: 'center', columnGap: tokens.spacingHorizontalXS },
  swatch: {
    display: 'inline-block',
    width: '14px',
    height: '10px',
    outline: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
});
