import { makeStyles, tokens } from '@fluentui/react-components';

export const useSavedFlagStyles = makeStyles({
  // A small label beside the control that was used: seen where the person is looking, gone after a moment.
  flag: {
    position: 'absolute',
    zIndex: 1000,
    maxWidth: 'calc(100vw - 16px)',
    boxSizing: 'border-box',
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorPaletteGreenBorder2}`,
    backgroundColor: tokens.colorPaletteGreenBackground1,
    color: tokens.colorPaletteGreenForeground1,
    boxShadow: tokens.shadow8,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: 'anywhere',
    pointerEvents: 'none',
  },
});
