import { makeStyles, tokens } from '@fluentui/react-components';

export const useWhatChangedStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
    paddingLeft: tokens.spacingHorizontalS,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke2}`,
  },
  heading: { fontWeight: tokens.fontWeightSemibold },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, overflowWrap: 'anywhere' },
  subtle: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  // Line breaks people typed stay as they typed them.
  note: { whiteSpace: 'pre-wrap' },
});
