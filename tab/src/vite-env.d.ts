/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The Teams app id from the manifest, for deep links into the personal tabs. */
  readonly VITE_TEAMS_APP_ID?: string;
}
