import { makeStyles, tokens } from '@fluentui/react-components';

export const useAgreementBarStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
  },
  people: { display: 'flex', flexDirection: 'column', margin: 0, padding: 0, minWidth: 0 },
  person: { display: 'flex', columnGap: tokens.spacingHorizontalXS, alignItems: 'baseline', listStyle: 'none' },
  mark: { flexShrink: 0, width: '1.2em', textAlign: 'center' },
  agreed: { color: tokens.colorPaletteGreenForeground1 },
  waiting: { color: tokens.colorNeutralForeground3 },
});
