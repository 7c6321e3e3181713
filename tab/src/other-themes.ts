import { teamsDarkTheme, teamsHighContrastTheme, type Theme } from '@fluentui/react-components';
import type { ThemeName } from './host/teams-host';

/** Teams' dark and high-contrast themes: a chunk of their own, loaded only when Teams asks for one of them. */
export const OTHER_THEMES: Record<Exclude<ThemeName, 'default'>, Theme> = {
  dark: teamsDarkTheme,
  contrast: teamsHighContrastTheme,
};
