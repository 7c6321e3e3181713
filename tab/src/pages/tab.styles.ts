import { makeStyles, tokens } from '@fluentui/react-components';

export const useTabStyles = makeStyles({
  root: {
    boxSizing: 'border-box',
    maxWidth: '960px',
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalL,
    minWidth: 0,
    '@media (max-width: 480px)': {
      padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalS}`,
      rowGap: tokens.spacingVerticalM,
    },
  },
  // Links to the parts of the page: one line where it fits, wrapping on a phone.
  pageNav: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    fontSize: tokens.fontSizeBase200,
  },
  // At least 24 px tall, so a finger or a pointer finds each one (WCAG 2.2, 2.5.8).
  pageLink: {
    display: 'inline-flex',
    alignItems: 'center',
    minHeight: '24px',
    color: tokens.colorBrandForegroundLink,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  h1: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  h2: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  h3: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  subtle: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
    alignItems: 'center',
  },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
  },
  fields: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
  },
  back: { alignSelf: 'flex-start' },
  // The history's filter wraps onto a second line on a phone instead of running out of the page.
  tabs: {
    flexWrap: 'wrap',
    minWidth: 0,
    '& .fui-Tab': { maxWidth: '100%', minWidth: 0 },
    '& .fui-Tab__content': { whiteSpace: 'normal', overflowWrap: 'break-word', textAlign: 'start' },
  },
  area: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  overdue: { color: tokens.colorPaletteRedForeground1 },
  tableWrap: { overflowX: 'auto' },
  // A report as a card: each fact with its label, label and value on one line where they fit.
  facts: { margin: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  fact: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, alignItems: 'baseline' },
  factValue: {
    margin: 0,
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalXS,
    rowGap: tokens.spacingVerticalXXS,
  },
  // The table lays its columns out evenly; the button column needs less than the ones with badges.
  colPerson: { width: '22%' },
  colWhen: { width: '18%' },
  colActions: { width: '26%' },
  colPlan: { width: '16%' },
});
