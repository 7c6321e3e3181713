import type { SentActivity } from '../../functions/dev/graph-stand-in';
import type { NudgeRunReport } from '../../functions/src/functions/nudges-run';
import type { DemoPerson } from './demo';
import { deepLinkTarget, type PageTarget } from './host-emulator';

/**
 * The preview's stand-in for Teams' Activity feed: what the local run's daily nudges sent to each
 * person, as the local Graph stand-in received it (functions/dev/dev-site.ts serves
 * /dev/nudges/received and /dev/nudges/run). Only a local run with nudges has those endpoints;
 * without them (404) the controls stay hidden.
 */

/** One notification as the local Graph stand-in received it, and the counts of a run's report (never content). */
export type ReceivedActivity = SentActivity;
export type NudgeRunCounts = Pick<
  NudgeRunReport,
  'plansLookedAt' | 'managersLookedAt' | 'notifications' | 'sent' | 'notInstalled' | 'failed'
>;

/** What the person's feed received, newest first; null when this server has no nudges endpoints. */
export async function fetchReceived(person: DemoPerson): Promise<ReceivedActivity[] | null> {
  const response = await fetch(`/dev/nudges/received?user=${encodeURIComponent(person.shortName)}`, {
    cache: 'no-store',
  });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`The activity of ${person.displayName} did not load (${response.status}).`);
  return (await response.json()) as ReceivedActivity[];
}

/** Runs the daily nudges now, or as if at `at`. */
export async function runDailyNudges(at: Date | null): Promise<NudgeRunCounts> {
  const query = at ? `?at=${encodeURIComponent(at.toISOString())}` : '';
  const response = await fetch(`/dev/nudges/run${query}`, { method: 'POST' });
  if (!response.ok) throw new Error(`The run failed (${response.status}).`);
  return (await response.json()) as NudgeRunCounts;
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** The run's counts in a sentence, for the page's status line. */
export function describeRun(report: NudgeRunCounts, at: Date | null): string {
  const when = at ? `as if at ${at.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}` : 'now';
  return (
    `Daily nudges run ${when}: ${plural(report.notifications, 'nudge')} — ${report.sent} sent, ` +
    `${report.notInstalled} not installed, ${report.failed} failed ` +
    `(looked at ${plural(report.plansLookedAt, 'plan')} and ${plural(report.managersLookedAt, 'manager')}).`
  );
}

/** "confirmationWaiting" → "Confirmation waiting": the activity types are the manifest's camelCase names. */
function kindOf(activityType: string): string {
  const words = activityType.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const SVG = 'http://www.w3.org/2000/svg';

/** A bell, drawn rather than an emoji: headless Chromium on Linux may have no emoji font. */
function bellIcon(): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute(
    'd',
    'M8 1.5a4.5 4.5 0 0 0-4.5 4.5v2.7L2.3 11a.6.6 0 0 0 .5.9h10.4a.6.6 0 0 0 .5-.9l-1.2-2.3V6A4.5 4.5 0 0 0 8 1.5Zm-1.9 11.4a2 2 0 0 0 3.8 0Z',
  );
  path.setAttribute('fill', 'currentColor');
  svg.append(path);
  return svg;
}

export interface ActivityBellOptions {
  side: 'left' | 'right';
  people: DemoPerson[];
  /** Clicking a notification: the host opens the page its link names, as Teams does from the feed. */
  open: (target: PageTarget, link: { appId: string; url: string }) => void;
  log: (line: string) => void;
}

/**
 * One side's Activity button (with the count of notifications the person shown received) and the
 * list it opens, newest first. A disclosure: the list follows the button, Escape closes it and
 * gives the focus back.
 */
export class ActivityBell {
  readonly element = document.createElement('div');
  private readonly button = document.createElement('button');
  private readonly badge = document.createElement('span');
  private readonly panel = document.createElement('div');
  private readonly heading = document.createElement('h2');
  private readonly empty = document.createElement('p');
  private readonly list = document.createElement('ol');
  private person: DemoPerson | null = null;
  /** Answers that arrive after a newer request (another person chosen meanwhile) are dropped. */
  private generation = 0;

  constructor(private readonly options: ActivityBellOptions) {
    const panelId = `activity-${options.side}`;
    this.element.className = 'activity';
    this.element.hidden = true;
    this.button.type = 'button';
    this.button.className = 'activity-button';
    this.button.setAttribute('aria-expanded', 'false');
    this.button.setAttribute('aria-controls', panelId);
    this.badge.className = 'badge';
    this.badge.setAttribute('aria-hidden', 'true');
    // The space keeps "Activity 2" (what one sees) a part of the name "Activity, 2 notifications".
    this.button.append(bellIcon(), 'Activity ', this.badge);
    this.panel.id = panelId;
    this.panel.className = 'activity-panel';
    this.panel.setAttribute('role', 'region');
    this.panel.hidden = true;
    this.heading.id = `${panelId}-heading`;
    this.panel.setAttribute('aria-labelledby', this.heading.id);
    this.empty.className = 'activity-empty';
    this.panel.append(this.heading, this.empty, this.list);
    this.element.append(this.button, this.panel);

    this.button.addEventListener('click', () => {
      this.setOpen(!this.isOpen);
    });
    this.element.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || !this.isOpen) return;
      event.preventDefault();
      this.setOpen(false);
      this.button.focus();
    });
    // Like a flyout: it closes when the focus goes anywhere else (a click elsewhere, Tab past the last item).
    // The panel itself takes the focus on a click inside it, so reading it does not close it.
    this.panel.tabIndex = -1;
    this.element.addEventListener('focusout', (event) => {
      if (!(event.relatedTarget instanceof Node && this.element.contains(event.relatedTarget))) this.setOpen(false);
    });
  }

  /** Shows this person's feed (on load, and whenever the side signs in as someone else). */
  async show(person: DemoPerson): Promise<void> {
    if (person.shortName !== this.person?.shortName) this.setOpen(false);
    this.person = person;
    await this.refresh();
  }

  async refresh(): Promise<void> {
    const person = this.person;
    if (!person) return;
    const generation = ++this.generation;
    let received: ReceivedActivity[] | null;
    try {
      received = await fetchReceived(person);
    } catch (error) {
      if (generation !== this.generation) return;
      this.empty.textContent = error instanceof Error ? error.message : 'The activity did not load.';
      this.empty.hidden = false;
      return;
    }
    if (generation !== this.generation) return;
    // No nudges in this local run (the endpoints answer 404): nothing to show.
    this.element.hidden = received === null;
    if (received !== null) this.render(person, received);
  }

  private get isOpen(): boolean {
    return this.button.getAttribute('aria-expanded') === 'true';
  }

  private setOpen(open: boolean): void {
    this.panel.hidden = !open;
    this.button.setAttribute('aria-expanded', String(open));
  }

  private render(person: DemoPerson, received: ReceivedActivity[]): void {
    const count = received.length;
    this.badge.textContent = String(count);
    this.badge.hidden = count === 0;
    // The name says the count the badge shows, after the visible word, as a screen reader should hear it.
    this.button.setAttribute(
      'aria-label',
      `Activity, ${count === 0 ? 'no' : count} notification${count === 1 ? '' : 's'}`,
    );
    this.button.title = `What ${person.displayName}’s Teams activity feed received`;
    this.heading.textContent = `Activity · ${person.displayName}`;
    this.empty.textContent = 'Nothing yet. Run the daily nudges (at the top) to see what would arrive here.';
    this.empty.hidden = count > 0;
    this.list.replaceChildren(...received.map((activity) => this.item(person, activity)));
  }

  private item(person: DemoPerson, activity: ReceivedActivity): HTMLLIElement {
    const link = activity.topic.webUrl ? deepLinkTarget(activity.topic.webUrl) : null;
    // The plan the link opens, when it is someone else's: "My plan" in a manager's feed is the report's plan.
    const planOf = this.options.people.find((entry) => entry.id === link?.target?.subPageId && entry.id !== person.id);
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'activity-item';
    const text = document.createElement('span');
    text.className = 'activity-text';
    text.textContent = activity.previewText?.content ?? '(no preview text)';
    const meta = document.createElement('span');
    meta.className = 'activity-meta';
    meta.textContent = `${kindOf(activity.activityType)} · opens ${activity.topic.value}${planOf ? ` (${planOf.displayName})` : ''}`;
    button.append(text, meta);
    if (link?.target && activity.topic.webUrl) {
      const { target } = link;
      const url = activity.topic.webUrl;
      button.addEventListener('click', () => {
        this.setOpen(false);
        // The item is hidden with the list: the focus goes back to the bell rather than to nowhere.
        this.button.focus();
        this.options.log(`${person.shortName} opened an activity: ${url}`);
        this.options.open(target, { appId: link.appId, url });
      });
    } else {
      // Only a deep link into one of the app's pages can be followed here.
      button.disabled = true;
      meta.textContent = `${kindOf(activity.activityType)} · ${activity.topic.value} (no link to follow)`;
    }
    li.append(button);
    return li;
  }
}
