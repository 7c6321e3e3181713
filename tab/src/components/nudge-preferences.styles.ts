import { makeStyles, tokens } from '@fluentui/react-components';

export const useNudgePreferencesStyles = makeStyles({
  h2: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  // A little room above, so the group reads as its own, apart from the switch before it.
  h3: {
    margin: `${tokens.spacingVerticalS} 0 0`,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  subtle: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  group: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS, minWidth: 0 },
  choice: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  // Fluent's switch sits in its own padding: pulled back, its track lines up with the text above.
  switch: {
    marginLeft: `calc(-1 * ${tokens.spacingHorizontalS})`,
    maxWidth: `calc(100% + ${tokens.spacingHorizontalS})`,
  },
  // Wraps with large text instead of pushing the card wider.
  label: { fontWeight: tokens.fontWeightSemibold, minWidth: 0, whiteSpace: 'normal', overflowWrap: 'break-word' },
  // The explanation lines up with the switch's label, under it (the 40-px track and the label's padding).
  help: {
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    paddingLeft: `calc(40px + ${tokens.spacingHorizontalM})`,
    marginTop: `calc(-1 * ${tokens.spacingVerticalXS})`,
    overflowWrap: 'anywhere',
  },
  day: {
    paddingLeft: `calc(40px + ${tokens.spacingHorizontalM})`,
    maxWidth: '240px',
  },
  // Empty, it stays in the page for screen readers but takes no room.
  status: {
    color: tokens.colorPaletteGreenForeground1,
    fontSize: tokens.fontSizeBase200,
    ':empty': { position: 'absolute' },
  },
});
