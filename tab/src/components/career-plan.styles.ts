import { makeStyles, tokens } from '@fluentui/react-components';

export const useCareerPlanStyles = makeStyles({
  // In the panel the plan sits inside an agenda section: set apart as the employee's own record.
  box: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalS,
    marginTop: tokens.spacingVerticalXS,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    minWidth: 0,
  },
  page: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM, minWidth: 0 },
  title: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  pageTitle: { fontSize: tokens.fontSizeBase400 },
  subtle: {
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  choice: { display: 'flex', flexDirection: 'column' },
  // Fluent greys the labels of the radios not chosen; here every direction reads as equal.
  radioLabel: { color: tokens.colorNeutralForeground1 },
  // The explanation lines up with the radio's label, under it.
  help: {
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    paddingLeft: '32px',
    overflowWrap: 'anywhere',
  },
  // Two by two where there is room, one column on a phone.
  focusGrid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    '@media (max-width: 560px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
  },
  fields: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
  },
  saved: { color: tokens.colorPaletteGreenForeground1, fontSize: tokens.fontSizeBase200 },
  pending: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  clear: { alignSelf: 'flex-start', minWidth: 0 },
  // Read-only: what the employee chose, as text.
  label: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  value: { overflowWrap: 'anywhere', fontWeight: tokens.fontWeightSemibold },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
    overflowWrap: 'anywhere',
  },
  focusAreas: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS },
  // The plan in a few lines: a label and its value on one line where they fit.
  summary: { margin: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS },
  summaryRow: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, alignItems: 'baseline' },
  summaryValue: { margin: 0, minWidth: 0, overflowWrap: 'anywhere', fontWeight: tokens.fontWeightSemibold },
  meanings: { fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  meaningsSummary: {
    cursor: 'pointer',
    color: tokens.colorBrandForeground1,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
});
