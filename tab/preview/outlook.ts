import { fetchPeople, tokenFor, type DemoPerson } from './demo';
import {
  COMPOSE,
  STAND_IN,
  versionAtMost,
  type ComposeAnswer,
  type ComposeContext,
  type StandInRequest,
} from './outlook-protocol';

/**
 * The local preview's Outlook: a new meeting being written by its organizer, with the add-in's ribbon button and
 * task pane (addin.html, whose Office.js is the stand-in in tab/preview/office-stand-in.ts). This page holds the
 * invite — title, attendees, body with a Teams join block — answers the stand-in's calls on it, and records what
 * the add-in put in. Its query names the start: ?organizer=morgan&required=ava@contoso.example&outlook=web&pane=open.
 *
 * The Outlooks it plays: on the web (Mailbox 1.14, nested app authentication), one with Mailbox 1.1 only (the add-in
 * cannot read the body or the selection), and one without nested app authentication (the add-in cannot sign in).
 */

interface OutlookProfile {
  label: string;
  sets: Record<string, string>;
}

const PROFILES: Record<string, OutlookProfile> = {
  web: { label: 'Outlook on the web (Mailbox 1.14)', sets: { Mailbox: '1.14', NestedAppAuth: '1.1' } },
  'mailbox-1.1': { label: 'Outlook with Mailbox 1.1 only', sets: { Mailbox: '1.1', NestedAppAuth: '1.1' } },
  'no-naa': { label: 'Outlook without nested app authentication', sets: { Mailbox: '1.14' } },
};

/** What Teams puts into a new Teams meeting's body: the add-in must never lose it. */
const TEAMS_JOIN_BLOCK = `<p><br></p><div id="teams-join-block"><div>________________________________________________________________________________</div>
<div><span style="font-size:24px;font-weight:600">Microsoft Teams meeting</span></div>
<div><b>Join on your computer, mobile app or room device</b></div>
<div><a href="https://teams.microsoft.com/l/meetup-join/19%3ameeting_preview%40thread.v2/0">Click here to join the meeting</a></div>
<div>Meeting ID: 312 555 018 44 · Passcode: pR3v13w</div>
<div>________________________________________________________________________________</div></div>`;

/** One thing the add-in did to the invite: the call, its coercion type and the data as sent. */
export interface Insertion {
  method: 'prependAsync' | 'setSelectedDataAsync';
  coercionType: string;
  data: string;
}

function required<T extends HTMLElement>(id: string, kind: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof kind)) throw new Error(`The Outlook preview has no #${id} of that kind.`);
  return found;
}

const params = new URLSearchParams(window.location.search);
const organizerSelect = required('organizer', HTMLSelectElement);
const outlookSelect = required('outlook', HTMLSelectElement);
const titleInput = required('title', HTMLInputElement);
const requiredInput = required('required', HTMLInputElement);
const optionalInput = required('optional', HTMLInputElement);
const body = required('body', HTMLDivElement);
const pane = required('pane', HTMLElement);
const openButton = required('open-pane', HTMLButtonElement);
const insertedList = required('inserted', HTMLOListElement);
const logElement = required('log', HTMLPreElement);

const insertions: Insertion[] = [];
const tokenScopes: string[] = [];
// For a person inspecting the page and for the browser tests: what went in, and which scopes were asked for.
Object.assign(window, { outlookCompose: { insertions, tokenScopes } });

function log(line: string): void {
  logElement.textContent = `${new Date().toLocaleTimeString()} ${line}\n${logElement.textContent}`.slice(0, 4000);
}

function addresses(input: HTMLInputElement): { emailAddress: string; displayName: string }[] {
  return input.value
    .split(/[;,]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((emailAddress) => ({ emailAddress, displayName: emailAddress }));
}

function record(insertion: Insertion): void {
  insertions.push(insertion);
  const item = document.createElement('li');
  // Shown as text: the record says what was sent, it does not render it a second time.
  item.textContent = `${insertion.method} (${insertion.coercionType}): ${insertion.data.length} characters — ${insertion.data.slice(0, 160)}${insertion.data.length > 160 ? '…' : ''}`;
  insertedList.append(item);
}

/** The organizer's selection, when it lies in the invite's body. */
function bodySelection(): Range | null {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  return body.contains(range.commonAncestorContainer) ? range : null;
}

function fragmentOf(data: string, coercionType: string, range: Range): DocumentFragment {
  if (coercionType === 'html') return range.createContextualFragment(data);
  const fragment = document.createDocumentFragment();
  fragment.append(document.createTextNode(data));
  return fragment;
}

let people: DemoPerson[] = [];

function organizer(): DemoPerson {
  const person = people.find((entry) => entry.shortName === organizerSelect.value) ?? people[0];
  if (!person) throw new Error('The dev server lists nobody to sign in as.');
  return person;
}

function emailOf(person: DemoPerson): string {
  return person.email ?? `${person.shortName}@contoso.example`;
}

function profile(): OutlookProfile {
  return PROFILES[outlookSelect.value] ?? PROFILES.web ?? { label: 'Outlook', sets: {} };
}

function supports(name: string, version: string): boolean {
  const supported = profile().sets[name];
  return supported !== undefined && versionAtMost(version, supported);
}

/** MSAL's nested app authentication request, answered as Outlook would: a token for the organizer. */
async function answerNestedAppAuth(message: string): Promise<string> {
  const request = JSON.parse(message) as {
    method: string;
    requestId: string;
    tokenParams?: { scope?: string; clientId?: string };
  };
  const person = organizer();
  if (request.method === 'GetInitContext') {
    return JSON.stringify({
      messageType: 'NestedAppAuthResponse',
      requestId: request.requestId,
      success: true,
      initContext: {
        sdkName: 'outlook-preview',
        sdkVersion: '1.0',
        accountContext: null,
        capabilities: { queryAccount: false },
      },
    });
  }
  const scope = request.tokenParams?.scope ?? '';
  tokenScopes.push(scope);
  log(`nested app auth ${request.method} for ${scope}`);
  const token = await tokenFor(person);
  return JSON.stringify({
    messageType: 'NestedAppAuthResponse',
    requestId: request.requestId,
    success: true,
    token: { access_token: token, id_token: token, expires_in: 3600, scope, token_type: 'Bearer' },
    account: {
      homeAccountId: `${person.id}.${person.tenantId}`,
      environment: 'login.microsoftonline.com',
      tenantId: person.tenantId,
      username: emailOf(person),
      localAccountId: person.id,
      name: person.displayName,
    },
  });
}

async function answer(request: StandInRequest): Promise<unknown> {
  const [first, second] = request.args;
  switch (request.method) {
    case 'context': {
      const person = organizer();
      const context: ComposeContext = {
        displayLanguage: 'en-US',
        userProfile: { emailAddress: emailOf(person), displayName: person.displayName },
        sets: profile().sets,
      };
      return context;
    }
    case 'attendees.required':
      return addresses(requiredInput);
    case 'attendees.optional':
      return addresses(optionalInput);
    case 'body.getType':
      return 'html';
    case 'body.get':
      if (!supports('Mailbox', '1.3')) throw new Error('body.getAsync needs Mailbox 1.3.');
      return first === 'html' ? body.innerHTML : body.innerText;
    case 'item.getSelected': {
      if (!supports('Mailbox', '1.2')) throw new Error('getSelectedDataAsync needs Mailbox 1.2.');
      const range = bodySelection();
      if (!range) return { data: '', sourceProperty: 'body' };
      const holder = document.createElement('div');
      holder.append(range.cloneContents());
      return { data: first === 'html' ? holder.innerHTML : holder.innerText, sourceProperty: 'body' };
    }
    case 'body.prepend': {
      const data = String(first);
      const coercionType = String(second);
      const range = document.createRange();
      range.setStart(body, 0);
      range.collapse(true);
      range.insertNode(fragmentOf(data, coercionType, range));
      record({ method: 'prependAsync', coercionType, data });
      return undefined;
    }
    case 'body.setSelected': {
      const data = String(first);
      const coercionType = String(second);
      const range = bodySelection() ?? document.createRange();
      if (!bodySelection()) {
        // No selection in the body: Outlook inserts at the cursor, which is at the start of a body never touched.
        range.setStart(body, 0);
        range.collapse(true);
      }
      range.deleteContents();
      range.insertNode(fragmentOf(data, coercionType, range));
      record({ method: 'setSelectedDataAsync', coercionType, data });
      return undefined;
    }
    case 'naa':
      return answerNestedAppAuth(String(first));
  }
}

let frame: HTMLIFrameElement | null = null;

window.addEventListener('message', (event: MessageEvent<Partial<StandInRequest> | null>) => {
  if (event.source !== frame?.contentWindow || event.data?.source !== STAND_IN) return;
  const request = event.data as StandInRequest;
  const { id, method } = request;
  const reply = (message: ComposeAnswer) => {
    frame?.contentWindow?.postMessage(message, window.location.origin);
  };
  if (method !== 'naa') log(`add-in called ${method}`);
  answer(request).then(
    (value) => {
      reply({ source: COMPOSE, id, ok: true, value });
    },
    (error: unknown) => {
      reply({ source: COMPOSE, id, ok: false, message: error instanceof Error ? error.message : 'Failed.' });
    },
  );
});

function openPane(): void {
  frame?.remove();
  frame = document.createElement('iframe');
  frame.name = 'addin';
  frame.title = 'Career conversation agenda (add-in)';
  frame.src = '/addin.html';
  pane.append(frame);
  pane.hidden = false;
  openButton.setAttribute('aria-pressed', 'true');
}

function closePane(): void {
  frame?.remove();
  frame = null;
  pane.hidden = true;
  openButton.setAttribute('aria-pressed', 'false');
}

async function main(): Promise<void> {
  people = await fetchPeople();
  for (const person of people) organizerSelect.append(new Option(person.displayName, person.shortName));
  for (const [name, entry] of Object.entries(PROFILES)) outlookSelect.append(new Option(entry.label, name));
  organizerSelect.value = params.get('organizer') ?? 'morgan';
  outlookSelect.value = params.get('outlook') ?? 'web';
  requiredInput.value = params.get('required') ?? 'ava@contoso.example';
  optionalInput.value = params.get('optional') ?? '';
  titleInput.value = params.get('title') ?? '1:1';
  body.innerHTML = TEAMS_JOIN_BLOCK;
  openButton.addEventListener('click', openPane);
  required('close-pane', HTMLButtonElement).addEventListener('click', closePane);
  // Another organizer or another Outlook is another compose window: the pane starts again.
  organizerSelect.addEventListener('change', () => {
    if (frame) openPane();
  });
  outlookSelect.addEventListener('change', () => {
    if (frame) openPane();
  });
  if (params.get('pane') === 'open') openPane();
  document.body.dataset.ready = 'true';
}

void main();
