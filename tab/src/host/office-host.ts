import { createNestablePublicClientApplication, type IPublicClientApplication } from '@azure/msal-browser';

/**
 * The only module that touches Office.js (the `Office` global, from Microsoft's CDN in production and from the
 * preview's stand-in locally) and MSAL: the Outlook add-in's counterpart of teams-host.ts. Everything else sees
 * the plain types below.
 *
 * Requirement sets (Microsoft Learn, "Outlook JavaScript API requirement sets"): inserting needs Mailbox 1.1 only —
 * `body.getTypeAsync`, `body.prependAsync`, `body.setSelectedDataAsync`, `requiredAttendees`/`optionalAttendees.getAsync`,
 * `userProfile`. Finding an earlier agenda in the body needs 1.3 (`body.getAsync`), checking that the organizer's
 * selection is that agenda needs 1.2 (`item.getSelectedDataAsync`): both are asked for only where
 * `isSetSupported` says so. `body.setAsync` is never called: it replaces the whole body, Teams' join block with it.
 */

/* The small part of Office.js this module uses, typed here (no @types/office-js). */
interface AsyncResult<T> {
  status: 'succeeded' | 'failed';
  value: T;
  error?: { message?: string } | null;
}
type Callback<T> = (result: AsyncResult<T>) => void;
interface EmailAddressDetails {
  emailAddress: string;
  displayName?: string;
}
interface OfficeBody {
  getTypeAsync(callback: Callback<string>): void;
  prependAsync(data: string, options: { coercionType: string }, callback: Callback<undefined>): void;
  setSelectedDataAsync(data: string, options: { coercionType: string }, callback: Callback<undefined>): void;
  getAsync(coercionType: string, callback: Callback<string>): void;
}
interface OfficeItem {
  itemType?: string;
  body?: OfficeBody;
  requiredAttendees?: { getAsync?: (callback: Callback<EmailAddressDetails[]>) => void } | EmailAddressDetails[];
  optionalAttendees?: { getAsync?: (callback: Callback<EmailAddressDetails[]>) => void } | EmailAddressDetails[];
  getSelectedDataAsync?: (coercionType: string, callback: Callback<{ data: string }>) => void;
}
interface OfficeGlobal {
  onReady(): Promise<{ host: string | null; platform: string | null }>;
  context: {
    displayLanguage?: string;
    requirements: { isSetSupported(name: string, minVersion?: string): boolean };
    mailbox?: { item?: OfficeItem | null; userProfile?: { emailAddress?: string; displayName?: string } };
  };
}

const READY_TIMEOUT_MS = 8000;
const HTML = 'html';
const TEXT = 'text';

function office(): OfficeGlobal | null {
  return (globalThis as { Office?: OfficeGlobal }).Office ?? null;
}

export interface OutlookContext {
  locale: string;
  /** The signed-in person's address, as Outlook gives it (to leave them out of the attendees). */
  userEmail: string;
  /** Nested app authentication (NestedAppAuth 1.1): without it the pane cannot sign in. */
  canSignIn: boolean;
  /** Mailbox 1.3: the body can be read, so an earlier agenda is found even after the pane was closed. */
  canReadBody: boolean;
  /** Mailbox 1.2: the organizer's selection can be read, so replacing checks it is the earlier agenda. */
  canReadSelection: boolean;
}

export class OutsideOutlookError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'OutsideOutlookError';
  }
}

function composeItem(): OfficeItem & { body: OfficeBody } {
  const item = office()?.context.mailbox?.item;
  if (!item?.body) throw new OutsideOutlookError('No invite is open.');
  return item as OfficeItem & { body: OfficeBody };
}

/** Waits for Office.js; rejects with OutsideOutlookError unless this is an appointment being composed in Outlook. */
export async function connectToOutlook(): Promise<OutlookContext> {
  const host = office();
  if (!host) throw new OutsideOutlookError('Office.js is not loaded: this page is not inside Outlook.');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new OutsideOutlookError('Outlook did not start the add-in.'));
    }, READY_TIMEOUT_MS);
  });
  try {
    const info = await Promise.race([host.onReady(), timeout]);
    if (info.host !== 'Outlook') throw new OutsideOutlookError('This page is not inside Outlook.');
  } finally {
    clearTimeout(timer);
  }
  const item = host.context.mailbox?.item;
  const attendees = item?.requiredAttendees;
  if (item?.itemType !== 'appointment' || !item.body || Array.isArray(attendees) || !attendees?.getAsync) {
    throw new OutsideOutlookError('The agenda goes into a meeting invite you are writing.');
  }
  const supports = (version: string) => host.context.requirements.isSetSupported('Mailbox', version);
  return {
    locale: host.context.displayLanguage ?? 'en-US',
    userEmail: host.context.mailbox?.userProfile?.emailAddress ?? '',
    canSignIn: host.context.requirements.isSetSupported('NestedAppAuth', '1.1'),
    canReadBody: supports('1.3'),
    canReadSelection: supports('1.2'),
  };
}

function call<T>(start: (callback: Callback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    start((result) => {
      if (result.status === 'succeeded') resolve(result.value);
      else reject(new Error(result.error?.message ?? 'Outlook refused.'));
    });
  });
}

/** Everyone the invite goes to, required and optional: the agenda is for the two people of the 1:1 only. */
export async function readAttendees(): Promise<string[]> {
  const item = composeItem();
  const read = async (recipients: OfficeItem['requiredAttendees']): Promise<string[]> => {
    if (!recipients || Array.isArray(recipients) || !recipients.getAsync) return [];
    const getAsync = recipients.getAsync.bind(recipients);
    const list = await call<EmailAddressDetails[]>((callback) => {
      getAsync(callback);
    });
    return list.map((entry) => entry.emailAddress).filter((email) => email.length > 0);
  };
  const [required, optional] = await Promise.all([read(item.requiredAttendees), read(item.optionalAttendees)]);
  return [...required, ...optional];
}

/** Puts the agenda at the top of the body (Mailbox 1.1): HTML where the body is HTML, its plain text otherwise. */
export async function prependToBody(html: string, text: string): Promise<void> {
  const { body } = composeItem();
  const type = await call<string>((callback) => {
    body.getTypeAsync(callback);
  });
  const asHtml = type === HTML;
  await call<undefined>((callback) => {
    body.prependAsync(asHtml ? html : text, { coercionType: asHtml ? HTML : TEXT }, callback);
  });
}

/** The body as HTML (Mailbox 1.3), only to look for an earlier agenda; null where the set is not supported. */
export async function readBodyHtml(context: OutlookContext): Promise<string | null> {
  if (!context.canReadBody) return null;
  const { body } = composeItem();
  return call<string>((callback) => {
    body.getAsync(HTML, callback);
  });
}

/** What the organizer has selected in the body, as HTML (Mailbox 1.2); null where the set is not supported. */
export async function readSelection(context: OutlookContext): Promise<string | null> {
  const item = composeItem();
  if (!context.canReadSelection || !item.getSelectedDataAsync) return null;
  const getSelected = item.getSelectedDataAsync.bind(item);
  const selected = await call<{ data: string }>((callback) => {
    getSelected(HTML, callback);
  });
  return selected.data;
}

/** Replaces the organizer's selection in the body with the agenda (Mailbox 1.1), as HTML. */
export async function replaceSelection(html: string): Promise<void> {
  const { body } = composeItem();
  await call<undefined>((callback) => {
    body.setSelectedDataAsync(html, { coercionType: HTML }, callback);
  });
}

/** The API's scope: the same app registration and access_as_user as Teams SSO, on the tab's own domain. */
export function apiScope(clientId: string, tabHost: string = window.location.host): string {
  return `api://${tabHost}/${clientId}/access_as_user`;
}

let application: Promise<IPublicClientApplication> | null = null;

/**
 * A token for the API by nested app authentication: Outlook signs in for the add-in (MSAL's nestable client, the
 * same Entra app as the tab, SPA redirect brk-multihub://<tab domain>). Silent first; a prompt through Outlook only
 * when consent or a sign-in is needed. MSAL keeps the token until shortly before it expires.
 */
export function nestedAppTokenSource(clientId: string): () => Promise<string> {
  const scopes = [apiScope(clientId)];
  return async () => {
    application ??= createNestablePublicClientApplication({
      auth: { clientId, authority: 'https://login.microsoftonline.com/organizations' },
    });
    const client = await application;
    try {
      return (await client.acquireTokenSilent({ scopes })).accessToken;
    } catch {
      return (await client.acquireTokenPopup({ scopes })).accessToken;
    }
  };
}
