import { makeStyles, tokens } from '@fluentui/react-components';

export const useOwnershipMeterStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  counts: { display: 'flex', justifyContent: 'space-between', fontSize: tokens.fontSizeBase200 },
  bar: {
    display: 'flex',
    height: '8px',
    borderRadius: tokens.borderRadiusMedium,
    overflow: 'hidden',
    backgroundColor: tokens.colorNeutralBackground4,
    outline: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
  employee: { backgroundColor: tokens.colorPaletteGreenBackground3 },
  manager: { backgroundColor: tokens.colorPaletteMarigoldBackground3 },
  ok: { color: tokens.colorPaletteGreenForeground1, fontSize: tokens.fontSizeBase200 },
  warning: { color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200 },
});
