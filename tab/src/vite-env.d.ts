/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The Teams app id from the manifest, for deep links into the personal tabs. */
  readonly VITE_TEAMS_APP_ID?: string;
  /** The API's base URL when it is not the tab's own origin, e.g. https://career-api.azurewebsites.net/api. */
  readonly VITE_API_BASE_URL?: string;
  /** The Entra app registration's client id (ENTRA_CLIENT_ID): the Outlook add-in signs in with it (NAA). */
  readonly VITE_ENTRA_CLIENT_ID?: string;
  /** The app's id in the organisation's catalog (TEAMS_APP_PUBLISHED_APP_ID), for links from an Outlook invite. */
  readonly VITE_TEAMS_CATALOG_APP_ID?: string;
}
