import { makeStyles, tokens } from '@fluentui/react-components';

export const useAgendaStyles = makeStyles({
  section: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingBottom: tokens.spacingVerticalXXS,
  },
  summary: {
    display: 'flex',
    alignItems: 'baseline',
    justifyContent: 'space-between',
    columnGap: tokens.spacingHorizontalS,
    cursor: 'pointer',
    padding: '1px 0',
    borderRadius: tokens.borderRadiusSmall,
    listStyle: 'none',
    '::-webkit-details-marker': { display: 'none' },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  chevron: { color: tokens.colorNeutralForeground2, width: '1em', flexShrink: 0 },
  heading: {
    margin: 0,
    flexGrow: 1,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: 'anywhere',
  },
  count: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, flexShrink: 0 },
  hint: {
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
  },
  item: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS },
  // What the other person just added or changed: tinted, with a line down its side, until it has been seen.
  fresh: {
    backgroundColor: tokens.colorBrandBackground2,
    boxShadow: `inset ${tokens.strokeWidthThicker} 0 0 ${tokens.colorBrandStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    paddingLeft: tokens.spacingHorizontalXS,
    alignItems: 'stretch',
  },
  // Fluent greys an unticked label; an item not yet discussed is still active, so it reads at full strength.
  itemLabel: { overflowWrap: 'anywhere', color: tokens.colorNeutralForeground1 },
  recorded: { display: 'flex', columnGap: tokens.spacingHorizontalS, padding: `${tokens.spacingVerticalXXS} 0` },
  notDiscussed: { color: tokens.colorNeutralForeground2 },
  mark: { flexShrink: 0, width: '1.2em', textAlign: 'center' },
  author: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase100 },
  // The author's own buttons on a talking point: small, beside the line that names them.
  small: { minWidth: 0, paddingLeft: 0, paddingRight: tokens.spacingHorizontalXS, minHeight: '24px' },
  // Brought to the talk ahead of time: said in words, and set off a little.
  prepared: { color: tokens.colorBrandForeground1, fontWeight: tokens.fontWeightSemibold },
  optional: { color: tokens.colorNeutralForeground3, fontStyle: 'italic' },
  review: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalXXS,
    rowGap: tokens.spacingVerticalXXS,
  },
  reviewTitle: { overflowWrap: 'anywhere', fontSize: tokens.fontSizeBase300 },
  reviewStatus: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  agreedStatus: {
    color: tokens.colorNeutralForeground1,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
  },
  carried: {
    padding: `${tokens.spacingVerticalXXS} 0`,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
  },
});
