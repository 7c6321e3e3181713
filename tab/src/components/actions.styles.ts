import { makeStyles, tokens } from '@fluentui/react-components';

export const useActionStyles = makeStyles({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
  },
  action: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
    padding: tokens.spacingVerticalXS,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  // What the other person just added or changed, until it has been seen.
  fresh: {
    backgroundColor: tokens.colorBrandBackground2,
    border: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
  },
  title: { overflowWrap: 'anywhere' },
  dropped: { textDecorationLine: 'line-through', color: tokens.colorNeutralForeground3 },
  meta: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalXS,
    rowGap: tokens.spacingVerticalXXS,
    alignItems: 'center',
  },
  small: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  buttons: { display: 'flex', columnGap: tokens.spacingHorizontalS },
  empty: { color: tokens.colorNeutralForeground3 },
  // Selects size to their longest option; in the 280-px panel they must stay inside it.
  select: { minWidth: 0, maxWidth: '100%' },
});
