import { makeStyles, tokens } from '@fluentui/react-components';

export const useAgreementBarStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  people: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS, margin: 0, padding: 0 },
  person: { display: 'flex', columnGap: tokens.spacingHorizontalXS, alignItems: 'baseline', listStyle: 'none' },
  mark: { flexShrink: 0, width: '1.2em', textAlign: 'center' },
  agreed: { color: tokens.colorPaletteGreenForeground1 },
  waiting: { color: tokens.colorNeutralForeground3 },
  subtle: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  buttons: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
  },
});
