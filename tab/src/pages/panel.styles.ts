import { makeStyles, tokens } from '@fluentui/react-components';

/** Teams' side panel is 280 px wide and scrolls vertically only. */
export const usePanelStyles = makeStyles({
  root: {
    boxSizing: 'border-box',
    maxWidth: '100%',
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    // clip, not hidden: a scroll container here would stop the footer from sticking.
    overflowX: 'clip',
  },
  header: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS },
  titleRow: {
    display: 'flex',
    flexWrap: 'wrap',
    justifyContent: 'space-between',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  subtle: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  block: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  h2: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  // The balance, who agreed, and Agree: the end of the panel, which stays in view while it is small enough.
  footer: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
    margin: `0 calc(-1 * ${tokens.spacingHorizontalM}) calc(-1 * ${tokens.spacingVerticalM})`,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalS}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  // Stays in view while the agenda scrolls, as long as it covers at most a quarter of the panel.
  sticky: { position: 'sticky', bottom: 0, boxShadow: tokens.shadow4 },
  headingRow: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
  },
  row: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS },
  back: { alignSelf: 'flex-start' },
  // Hidden until focused: the first Tab from the top jumps over the agenda to Agree.
  skipLink: {
    position: 'absolute',
    left: '-10000px',
    ':focus': {
      position: 'static',
      alignSelf: 'flex-start',
      padding: tokens.spacingVerticalXS,
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
    },
  },
  // A select sizes itself to its longest option; in a 280-px panel it must not grow past the panel.
  select: { minWidth: 0, maxWidth: '100%' },
  choice: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS },
});
