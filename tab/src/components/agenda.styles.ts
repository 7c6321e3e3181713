import { makeStyles, tokens } from '@fluentui/react-components';

export const useAgendaStyles = makeStyles({
  section: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
    marginBottom: tokens.spacingVerticalM,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
  },
  item: { display: 'flex', flexDirection: 'column' },
  itemLabel: { overflowWrap: 'anywhere' },
  author: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase100, paddingLeft: '32px' },
  optional: { color: tokens.colorNeutralForeground3, fontStyle: 'italic' },
  review: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalXS,
    rowGap: tokens.spacingVerticalXXS,
    paddingLeft: tokens.spacingHorizontalS,
  },
  reviewTitle: { overflowWrap: 'anywhere', fontSize: tokens.fontSizeBase300 },
  reviewStatus: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  carried: {
    padding: tokens.spacingVerticalXS,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
  },
});
