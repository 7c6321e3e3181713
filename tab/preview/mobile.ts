import { HOST_PROFILES, NativeHostEmulator, type FrameContext, type TeamsTheme } from './host-emulator';
import { fetchPeople, tokenFor } from './demo';

/**
 * The local preview of Teams on a phone: the tab is this page's top window, with no parent frame,
 * and reaches its host only through window.nativeInterface, as in the mobile apps' web views.
 *   /preview/mobile.html?person=ava&view=myplan[&subPage=<employee id>][&meeting=…][&theme=dark]
 * `view` is what the manifest's URLs carry (index.html?view=…). Going to another of the app's
 * pages loads this page again for it, as the app switches tabs.
 */

const FRAME_CONTEXTS: Record<string, FrameContext> = { sidepanel: 'sidePanel', myplan: 'content', team: 'content' };

/** What the host heard, for a person reading the console and for the browser tests. */
const hostLog: string[] = [];
function log(line: string): void {
  hostLog.push(line);
  console.info(`[Teams mobile] ${line}`);
}

const params = new URLSearchParams(window.location.search);
const view = params.get('view') ?? 'myplan';
const people = await fetchPeople();
const person = people.find((entry) => entry.shortName === (params.get('person') ?? 'ava')) ?? people[0];
if (!person) throw new Error('The dev server lists nobody to sign in as.');
const theme = (params.get('theme') as TeamsTheme | null) ?? 'default';
const meetingId = view === 'sidepanel' ? (params.get('meeting') ?? 'MCMxOTptZWV0aW5nX1ByZXZpZXc=/preview+1') : null;

const host = new NativeHostEmulator(window, {
  person,
  frameContext: FRAME_CONTEXTS[view] ?? 'content',
  theme,
  meetingId,
  chatId: meetingId ? (params.get('chat') ?? '19:meeting_preview@thread.v2') : null,
  subPageId: params.get('subPage'),
  profile: HOST_PROFILES.mobile,
  getToken: () => tokenFor(person),
  navigate: ({ pageId, subPageId }) => {
    const next = new URLSearchParams({ person: person.shortName, view: pageId, theme });
    if (subPageId) next.set('subPage', subPageId);
    window.location.assign(`${window.location.pathname}?${next.toString()}`);
  },
  openLink: (url) => {
    log(`would open ${url}`);
  },
  onConfigSaved: (config) => {
    log(`saved ${JSON.stringify(config)}`);
  },
  log,
});

// From the console: hostLog lists what the host heard; teamsHost.setTheme('dark') switches the theme.
Object.assign(window, { hostLog, teamsHost: host });

// The bridge is in place: now the app itself, exactly as index.html loads it.
await import('../src/main');
