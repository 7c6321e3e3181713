import { makeStyles, tokens } from '@fluentui/react-components';

/** Teams' side panel is 280 px wide and scrolls vertically only. */
export const usePanelStyles = makeStyles({
  root: {
    boxSizing: 'border-box',
    maxWidth: '100%',
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    // clip, not hidden: a scroll container here would stop the footer from sticking.
    overflowX: 'clip',
  },
  header: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS },
  titleRow: {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  subtle: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  block: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  h2: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  // Stays in view while the agenda scrolls: the balance and Agree matter most while actions are captured.
  footer: {
    position: 'sticky',
    bottom: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
    margin: `0 calc(-1 * ${tokens.spacingHorizontalM}) calc(-1 * ${tokens.spacingVerticalM})`,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    boxShadow: tokens.shadow4,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
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
