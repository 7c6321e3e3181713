import {
  HOST_PROFILES,
  TeamsHostEmulator,
  isHostProfileName,
  knownAppId,
  type FrameContext,
  type HostProfileName,
  type PageTarget,
  type TeamsTheme,
} from './host-emulator';
import { ActivityBell, describeRun, fetchReceived, runDailyNudges } from './activity';
import { declareChatMembers, fetchPeople, tokenFor, type DemoPerson } from './demo';

/**
 * The local preview: one or two framed tabs, each answered by a host emulator for the chosen person
 * in the chosen host (Teams, Outlook, the Microsoft 365 app, or older hosts without in-app
 * navigation). Teams on a phone has no frame: it opens as its own page (preview/mobile.html).
 */

type Surface = 'sidepanel' | 'myplan' | 'team' | 'config';

interface SurfaceEntry {
  value: Surface;
  label: string;
  frameContext: FrameContext;
}

/** The first is the default. */
const SURFACES: [SurfaceEntry, ...SurfaceEntry[]] = [
  { value: 'sidepanel', label: 'Meeting side panel', frameContext: 'sidePanel' },
  { value: 'myplan', label: 'My plan (personal tab)', frameContext: 'content' },
  { value: 'team', label: 'My team (personal tab)', frameContext: 'content' },
  { value: 'config', label: 'Add to a meeting (configure)', frameContext: 'settings' },
];

function required(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`The preview page has no #${id}.`);
  return found;
}

const params = new URLSearchParams(window.location.search);
const stagesElement = required('stages');
const logElement = required('log');
const layoutSelect = document.getElementById('layout') as HTMLSelectElement;
const themeSelect = document.getElementById('theme') as HTMLSelectElement;
const meetingInput = document.getElementById('meeting') as HTMLInputElement;
const hostSelect = document.getElementById('host') as HTMLSelectElement;
const mobileLink = document.getElementById('open-mobile') as HTMLAnchorElement;
const nudgesControls = required('nudges');
const nudgesAtInput = document.getElementById('nudges-at') as HTMLInputElement;
const nudgesRunButton = document.getElementById('nudges-run') as HTMLButtonElement;
const nudgesStatus = required('nudges-status');

const state = {
  theme: (params.get('theme') as TeamsTheme | null) ?? 'default',
  meetingId: params.get('meeting') ?? 'MCMxOTptZWV0aW5nX1ByZXZpZXc=/preview+1',
  // A meeting named in the address has a chat of its own, as in Teams (one series shares one), unless one is named.
  chatId:
    params.get('chat') ??
    (params.get('meeting') ? chatOfMeeting(params.get('meeting') ?? '') : '19:meeting_preview@thread.v2'),
  occurrence: 1,
  host: isHostProfileName(params.get('host')) ? (params.get('host') as HostProfileName) : 'teams',
};

function log(line: string): void {
  logElement.textContent = `${new Date().toLocaleTimeString()} ${line}\n${logElement.textContent}`.slice(0, 4000);
}

class Stage {
  readonly element = document.createElement('section');
  private readonly personSelect = document.createElement('select');
  private readonly surfaceSelect = document.createElement('select');
  private frame: HTMLIFrameElement | null = null;
  private readonly saveButton = document.createElement('button');
  private readonly status = document.createElement('output');
  private readonly activity: ActivityBell;
  /** Teams' app bar (with the Activity bell) beside the app's frame. */
  private readonly screen = document.createElement('div');
  private emulator: TeamsHostEmulator | null = null;
  private subPageId: string | null = null;

  constructor(
    private readonly side: 'left' | 'right',
    private readonly people: DemoPerson[],
    person: string,
    surface: Surface,
    /** Runs before the frame (re)loads: the meeting's members are declared first. */
    private readonly beforeLoad: (stage: Stage) => Promise<void>,
  ) {
    this.element.className = 'stage';
    this.element.dataset.side = side;
    this.activity = new ActivityBell({
      side,
      people,
      // A notification opens its page as the host's own navigation does.
      open: (target, link) => {
        const known = knownAppId(HOST_PROFILES[state.host]);
        if (link.appId !== known)
          log(`note: the link names app ${link.appId}; this tenant's Teams knows the app as ${known}`);
        this.open(target);
      },
      log,
    });
    const bar = document.createElement('div');
    bar.className = 'bar';
    this.saveButton.type = 'button';
    this.saveButton.textContent = 'Save (as Teams would)';
    this.saveButton.addEventListener(
      'click',
      () =>
        void this.emulator?.save().then(() => {
          log('configuration saved');
        }),
    );
    bar.append(
      this.labelled('Signed in as', this.personSelect),
      this.labelled('Surface', this.surfaceSelect),
      this.saveButton,
      this.status,
    );
    for (const entry of people)
      this.personSelect.append(
        new Option(`${entry.displayName}${entry.jobTitle ? ` — ${entry.jobTitle}` : ''}`, entry.shortName),
      );
    for (const entry of SURFACES) this.surfaceSelect.append(new Option(entry.label, entry.value));
    this.personSelect.value = person;
    this.surfaceSelect.value = surface;
    this.personSelect.addEventListener('change', () => {
      this.load();
    });
    this.surfaceSelect.addEventListener('change', () => {
      this.subPageId = null;
      this.load();
    });
    const rail = document.createElement('div');
    rail.className = 'rail';
    rail.append(this.activity.element);
    this.screen.className = 'screen';
    this.screen.append(rail);
    this.element.append(bar, this.screen);
    this.load();
  }

  private labelled(text: string, control: HTMLElement): HTMLLabelElement {
    const label = document.createElement('label');
    label.append(text, control);
    return label;
  }

  load(): void {
    this.emulator?.dispose();
    this.frame?.remove();
    this.frame = null;
    void this.beforeLoad(this).then(() => {
      this.mount();
    });
  }

  private mount(): void {
    if (this.frame) return;
    const person = this.people.find((entry) => entry.shortName === this.personSelect.value) ?? this.people[0];
    if (!person) throw new Error('The dev server lists nobody to sign in as.');
    const surface = SURFACES.find((entry) => entry.value === this.surfaceSelect.value) ?? SURFACES[0];
    this.element.dataset.surface = surface.value;
    this.saveButton.hidden = surface.value !== 'config';
    this.status.textContent = '';
    void this.activity.show(person);
    const frame = document.createElement('iframe');
    frame.name = `tab-${this.side}`;
    frame.title = `${surface.label} as ${person.displayName}`;
    this.emulator = new TeamsHostEmulator(frame, {
      person,
      frameContext: surface.frameContext,
      theme: state.theme,
      meetingId: surface.value === 'sidepanel' ? state.meetingId : null,
      chatId: surface.value === 'sidepanel' ? state.chatId : null,
      subPageId: this.subPageId,
      profile: HOST_PROFILES[state.host],
      getToken: () => tokenFor(person),
      navigate: (target) => {
        this.open(target);
      },
      openLink: (url) => {
        log(`would open ${url} outside the app`);
      },
      onConfigSaved: (config) => {
        this.status.textContent = `Teams would add a tab showing ${typeof config.contentUrl === 'string' ? config.contentUrl : ''}`;
      },
      log,
    });
    frame.src = `/index.html?view=${surface.value}`;
    this.frame = frame;
    this.screen.append(frame);
  }

  setTheme(theme: TeamsTheme): void {
    this.emulator?.setTheme(theme);
  }

  /** Reads the person's activity feed again (after a run of the daily nudges). */
  refreshActivity(): Promise<void> {
    return this.activity.refresh();
  }

  /** The host switches to one of the app's pages: the personal tab opens in this frame, as Teams switches tabs. */
  private open(target: PageTarget): void {
    this.subPageId = target.subPageId;
    this.surfaceSelect.value = target.pageId;
    this.load();
  }

  /** Who is signed in here and on which surface, for the phone view. */
  get selection(): { person: string; surface: string } {
    return { person: this.personSelect.value, surface: this.surfaceSelect.value };
  }
}

async function main(): Promise<void> {
  const people = await fetchPeople();
  for (const [name, profile] of Object.entries(HOST_PROFILES))
    if (name !== 'mobile') hostSelect.append(new Option(profile.label, name));
  hostSelect.value = state.host;
  const parse = (value: string | null, fallback: string): [string, Surface] => {
    const [person, surface] = (value ?? fallback).split(':');
    return [person ?? 'morgan', (surface as Surface | undefined) ?? 'sidepanel'];
  };
  layoutSelect.value = params.get('layout') === 'single' ? 'single' : 'both';
  themeSelect.value = state.theme;
  meetingInput.value = state.meetingId;
  document.body.dataset.theme = state.theme;

  let stages: Stage[] = [];
  /** The phone view opens in its own window: a tab on a phone has no parent frame. */
  const updateMobileLink = () => {
    const { person, surface } = stages[0]?.selection ?? { person: 'ava', surface: 'myplan' };
    const view = surface === 'config' ? 'myplan' : surface;
    const query = new URLSearchParams({ person, view, theme: state.theme });
    if (view === 'sidepanel') query.set('meeting', state.meetingId);
    mobileLink.href = `/preview/mobile.html?${query.toString()}`;
  };
  /**
   * The meeting chat holds the people shown in its side panel, as Teams' meeting chat would. One declaration at a
   * time, each made once the page has set up its sides, so the last one says who is there now.
   */
  let declaring = Promise.resolve();
  const declareMeeting = (loading: Stage) => {
    declaring = declaring.then(() => {
      const sides = stages.includes(loading) ? stages : [...stages, loading];
      const members = sides
        .map((stage) => stage.selection)
        .filter((selection) => selection.surface === 'sidepanel')
        .map((selection) => selection.person);
      return members.length > 0 ? declareChatMembers(state.chatId, members) : undefined;
    });
    return declaring;
  };
  const render = () => {
    stagesElement.replaceChildren();
    stages = [];
    const left = new Stage('left', people, ...parse(params.get('left'), 'morgan:sidepanel'), declareMeeting);
    stages = [left];
    if (layoutSelect.value === 'both')
      stages.push(new Stage('right', people, ...parse(params.get('right'), 'ava:sidepanel'), declareMeeting));
    stagesElement.append(...stages.map((stage) => stage.element));
    updateMobileLink();
  };
  render();
  stagesElement.addEventListener('change', updateMobileLink);
  hostSelect.addEventListener('change', () => {
    state.host = isHostProfileName(hostSelect.value) ? hostSelect.value : 'teams';
    for (const stage of stages) stage.load();
  });

  layoutSelect.addEventListener('change', render);
  themeSelect.addEventListener('change', () => {
    state.theme = themeSelect.value as TeamsTheme;
    document.body.dataset.theme = state.theme;
    for (const stage of stages) stage.setTheme(state.theme);
    updateMobileLink();
  });
  meetingInput.addEventListener('change', () => {
    state.meetingId = meetingInput.value.trim() || state.meetingId;
    // Another meeting is another chat, as in Teams; only the next occurrence of a series shares its chat.
    state.chatId = chatOfMeeting(state.meetingId);
    state.occurrence = 1;
    for (const stage of stages) stage.load();
    updateMobileLink();
  });
  required('next-occurrence').addEventListener('click', () => {
    state.occurrence += 1;
    state.meetingId = `${state.meetingId.replace(/#\d+$/, '')}#${state.occurrence}`;
    meetingInput.value = state.meetingId;
    for (const stage of stages) stage.load();
    updateMobileLink();
  });
  await offerNudges(people, () => stages);
}

/**
 * "Run the daily nudges", when this local run sends nudges (to its Graph stand-in): the timer's work
 * now or as if at the time given, then both sides' Activity lists read again.
 */
async function offerNudges(people: DemoPerson[], stages: () => Stage[]): Promise<void> {
  const first = people[0];
  const available = first
    ? await fetchReceived(first).then(
        (received) => received !== null,
        () => false,
      )
    : false;
  // Says what the page found, for a person inspecting it and for the browser tests.
  document.body.dataset.nudges = available ? 'on' : 'off';
  if (!available) return;
  nudgesControls.hidden = false;
  let running = false;
  nudgesRunButton.addEventListener('click', () => {
    // aria-disabled rather than disabled while it runs: a disabled button would drop the keyboard focus.
    if (running) return;
    running = true;
    nudgesRunButton.setAttribute('aria-disabled', 'true');
    // A datetime-local value has no zone: Date reads it as this browser's local time.
    const at = nudgesAtInput.value ? new Date(nudgesAtInput.value) : null;
    nudgesStatus.textContent = 'Running the daily nudges…';
    void runDailyNudges(at)
      .then(async (report) => {
        await Promise.all(stages().map((stage) => stage.refreshActivity()));
        nudgesStatus.textContent = describeRun(report, at);
        log(`daily nudges run: ${report.notifications} nudge(s), ${report.sent} sent`);
      })
      .catch((error: unknown) => {
        nudgesStatus.textContent = error instanceof Error ? error.message : 'The run failed.';
      })
      .finally(() => {
        running = false;
        nudgesRunButton.removeAttribute('aria-disabled');
      });
  });
}

/** The chat Teams gives a meeting: one per meeting, the same for every occurrence of a series. */
function chatOfMeeting(meetingId: string): string {
  const series = meetingId.replace(/#\d+$/, '');
  return `19:meeting_${btoa(encodeURIComponent(series)).replace(/[^A-Za-z0-9]/g, '')}@thread.v2`;
}

void main();
