import { makeStyles, tokens } from '@fluentui/react-components';

export const useLimitedFieldStyles = makeStyles({
  // The field's own hint on the left (wrapping), the count on the right of the same line.
  hint: {
    display: 'flex',
    alignItems: 'baseline',
    columnGap: tokens.spacingHorizontalS,
  },
  hintText: { flexGrow: 1, flexShrink: 1, minWidth: 0, overflowWrap: 'anywhere' },
  count: {
    marginLeft: 'auto',
    flexShrink: 0,
    fontVariantNumeric: 'tabular-nums',
    color: tokens.colorNeutralForeground3,
  },
  near: { color: tokens.colorPaletteDarkOrangeForeground1, fontWeight: tokens.fontWeightSemibold },
  over: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});
