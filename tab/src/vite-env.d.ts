/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The Teams app id from the manifest, for deep links into the personal tabs. */
  readonly VITE_TEAMS_APP_ID?: string;
  /** The API's base URL when it is not the tab's own origin, e.g. https://career-api.azurewebsites.net/api. */
  readonly VITE_API_BASE_URL?: string;
}
