import { makeStyles, tokens } from '@fluentui/react-components';

export const useAgreementBarStyles = makeStyles({
  // Who agreed on the left, the button on the right: one row where it fits.
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
  },
  // Shrinks (its lines wrap) before the button would move to a line of its own.
  people: { display: 'flex', flexDirection: 'column', margin: 0, padding: 0, minWidth: '6em', flex: '1 1 0' },
  // Plain lines of text: nothing here looks like a control.
  person: { listStyle: 'none', overflowWrap: 'anywhere', lineHeight: tokens.lineHeightBase200 },
  agreed: { color: tokens.colorPaletteGreenForeground1, fontWeight: tokens.fontWeightSemibold },
  waiting: { color: tokens.colorNeutralForeground2 },
  button: { flexShrink: 0 },
});
