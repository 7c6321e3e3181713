import { makeStyles, tokens } from '@fluentui/react-components';

export const useOwnershipMeterStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS },
  counts: {
    display: 'flex',
    flexWrap: 'wrap',
    justifyContent: 'space-between',
    columnGap: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase200,
  },
  count: { fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, whiteSpace: 'nowrap' },
  // The footer's one line: "Employee: 2 [bar] Manager: 1".
  inline: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
  },
  inlineBar: { flexGrow: 1, minWidth: '48px' },
  status: { lineHeight: tokens.lineHeightBase200 },
  bar: {
    display: 'flex',
    height: '8px',
    overflow: 'hidden',
    backgroundColor: tokens.colorNeutralBackground1,
    outline: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
  // Solid for the employee, stripes for the manager: the two stay apart in high contrast, where
  // Teams maps both colours to one, and for people who do not tell green from orange.
  employee: { backgroundColor: tokens.colorPaletteGreenBackground3 },
  manager: {
    backgroundImage: `repeating-linear-gradient(135deg, ${tokens.colorPaletteMarigoldBackground3} 0 3px, ${tokens.colorNeutralBackground1} 3px 5px)`,
    borderLeft: `2px solid ${tokens.colorNeutralBackground1}`,
  },
  swatch: { display: 'inline-block', width: '10px', height: '8px', marginRight: tokens.spacingHorizontalXXS },
  neutral: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  ok: { color: tokens.colorPaletteGreenForeground1, fontSize: tokens.fontSizeBase200 },
  warning: { color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200 },
});
