import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Frame, Page } from 'playwright-core';
import { buildTabPreview } from '../../functions/dev/build-tab';
import { launchBrowser } from '../support/browser';
import { openPreview, tabFrame } from '../support/preview';
import { startTestStack, type TestStack } from '../support/stack';
import { interactive, lastClick, openEmulator, type CountedRequests, type RequestLog } from './browser-session';
import { buildHandshakePage } from './handshake-page';

/**
 * The tab's figures: the gzip size of the JS each surface loads; the time to an interactive agenda,
 * cold and warm, next to a minimal page doing the same handshake, SSO token and API request; and the HTTP requests the
 * framed tab sends, counted in the browser: before the agenda is interactive, and per edit.
 */

/**
 * The JS a surface's document loads, by its own Resource Timing entries (which list a script even when
 * the emulator page around it already had it in memory and no request was made), sized from the
 * built files as gzip.
 */
async function jsLoadedBy(
  browser: Browser,
  stack: TestStack,
  siteDir: string,
  left: string,
  /** The meeting the side panel opens: one with a conversation, so its first screen is the agenda. */
  meeting = `bench-${left}`,
): Promise<{ files: number; gzip: number; later: { files: number; gzip: number } }> {
  const { context, page } = await openPreview(browser, stack, { left, meeting });
  try {
    const frame = await tabFrame(page, 'left');
    await frame.waitForSelector('main h1', { timeout: 30_000 });
    // What loads after the first screen, once the agenda is on screen (the live channel's client, imported then), is
    // counted apart: the files of `tab/src/api/live.ts` in the build's manifest.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const all = await scriptsOf(frame, new URL(stack.url).origin);
    const afterwards = liveChunks(siteDir);
    const gzip = (paths: string[]) =>
      paths.reduce((sum, path) => sum + gzipSync(readFileSync(join(siteDir, path))).length, 0);
    const first = all.filter((path) => !afterwards.has(path));
    const later = all.filter((path) => afterwards.has(path));
    return { files: first.length, gzip: gzip(first), later: { files: later.length, gzip: gzip(later) } };
  } finally {
    await context.close();
  }
}

/**
 * The first measure of this bench, kept as it was for comparison with earlier runs: wall-clock time of
 * a second navigation of the framed tab. Its context routes requests with Playwright, which turns the
 * HTTP cache off, so it is neither cold nor warm; `navigation` below measures both properly.
 */
async function timeToAgenda(
  browser: Browser,
  stack: TestStack,
  runs: number,
): Promise<{ agenda: number[]; blank: number[] }> {
  const agenda: number[] = [];
  const blank: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const { context, page } = await openPreview(browser, stack, { left: 'ava:sidepanel', meeting: 'bench-meeting' });
    const frame = await tabFrame(page, 'left');
    await frame.getByRole('checkbox').first().waitFor({ timeout: 30_000 });
    // Measure a fresh navigation of the framed tab to its first enabled agenda checkbox.
    const started = Date.now();
    await frame.goto(frame.url());
    await frame.locator('input[type="checkbox"]:not([disabled])').first().waitFor({ timeout: 30_000 });
    agenda.push(Date.now() - started);
    const blankStarted = Date.now();
    await frame.goto(`${stack.url}/dev/people`);
    blank.push(Date.now() - blankStarted);
    await context.close();
  }
  return { agenda, blank };
}

const message = (error: unknown) => (error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error));

/** Runs a browser measurement once more if it fails (a busy machine can miss a wait); a second failure is thrown. */
async function again<T>(what: string, measure: () => Promise<T>): Promise<T> {
  try {
    return await measure();
  } catch (error) {
    console.error(`${what} failed (${message(error)}); measuring it once more.`);
    return measure();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => Number(value.toFixed(1));

/** API requests the frame sent before its agenda became interactive (on the page's clock). */
async function beforeInteractive(log: RequestLog, frame: Frame, epoch: number): Promise<CountedRequests> {
  return (await log.count(log.api(frame.name()), frame, { startedBy: epoch })).figures;
}

interface NavigationSample {
  coldMs: number;
  warmMs: number;
  beforeInteractive: CountedRequests;
  /** The page's JS files the emulator page had itself loaded before the frame navigated: a cold load gets them from memory. */
  preloadedByHost: string[];
}

/** The files only the live channel's dynamic import brings (its chunk, and chunks nothing else imports). */
function liveChunks(siteDir: string): Set<string> {
  const manifest = JSON.parse(readFileSync(join(siteDir, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    { file: string; imports?: string[]; dynamicImports?: string[]; isEntry?: boolean }
  >;
  const live = manifest['src/api/live.ts'];
  if (!live) throw new Error('The build has no chunk for src/api/live.ts.');
  const elsewhere = new Set(
    Object.entries(manifest)
      .filter(([source]) => source !== 'src/api/live.ts')
      .flatMap(([, entry]) => entry.imports ?? []),
  );
  const own = (live.imports ?? []).filter((key) => !elsewhere.has(key)).map((key) => manifest[key]?.file ?? '');
  return new Set([live.file, ...own].filter(Boolean).map((file) => `/${file}`));
}

/** The same-origin JS files a document has loaded, by its Resource Timing entries. */
function scriptsOf(target: Frame | Page, origin: string): Promise<string[]> {
  return target.evaluate(
    (from) => [
      ...new Set(
        performance
          .getEntriesByType('resource')
          .map((entry) => new URL(entry.name))
          .filter((url) => url.origin === from && url.pathname.endsWith('.js'))
          .map((url) => url.pathname),
      ),
    ],
    origin,
  );
}

/**
 * One page in the side panel frame of the emulator: a new context (empty cache) whose frame waits on
 * an empty document, then the page (cold), then the same page again (warm: a reload with the cache).
 * Times run from the start of the frame's navigation to a visible, enabled checkbox.
 */
async function navigate(browser: Browser, stack: TestStack, path: string, rttMs: number): Promise<NavigationSample> {
  const { context, page, log, held } = await openEmulator(browser, stack.url, {
    left: 'ava:sidepanel',
    meeting: 'bench-meeting',
    rttMs,
    holdFirstTabDocument: true,
  });
  try {
    const frame = await tabFrame(page, 'left');
    await held;
    await frame.waitForLoadState('load');
    await frame.goto(`${stack.url}${path}`, { waitUntil: 'commit' });
    const cold = await interactive(frame);
    const counted = await beforeInteractive(log, frame, cold.epoch);
    const origin = new URL(stack.url).origin;
    const hosts = new Set(await scriptsOf(page, origin));
    const preloadedByHost = (await scriptsOf(frame, origin)).filter((script) => hosts.has(script));
    await log.settle('tab-left');
    await frame.goto(`${stack.url}${path}`, { waitUntil: 'commit' });
    const warm = await interactive(frame);
    return {
      coldMs: cold.afterNavigationMs,
      warmMs: warm.afterNavigationMs,
      beforeInteractive: counted,
      preloadedByHost,
    };
  } finally {
    await context.close();
  }
}

export interface NavigationFigures {
  runs: number;
  rttMs: number;
  agenda: { coldMs: number; warmMs: number };
  handshake: { coldMs: number; warmMs: number };
  coldRatio: number;
  warmRatio: number;
  /**
   * The side panel's JS files the emulator page (preview.html) had already loaded itself, so that the
   * "cold" navigation found them in memory: empty, as the app's pages are built apart from the emulator's.
   */
  preloadedByHost: string[];
  /** API requests before the agenda was interactive, cold (median of the runs; the first run's calls). */
  beforeInteractive: { requests: number; rounds: number; calls: string[] };
}

async function navigation(
  browser: Browser,
  stack: TestStack,
  handshakePath: string,
  runs: number,
  rttMs: number,
): Promise<NavigationFigures> {
  const agenda: NavigationSample[] = [];
  const handshake: NavigationSample[] = [];
  // Alternate the two pages, so that drift on this machine affects both alike.
  for (let run = 0; run < runs; run += 1) {
    agenda.push(await again('Navigation', () => navigate(browser, stack, '/index.html?view=sidepanel', rttMs)));
    handshake.push(await again('Navigation', () => navigate(browser, stack, handshakePath, rttMs)));
  }
  const figures = (samples: NavigationSample[]) => ({
    coldMs: ms(median(samples.map((sample) => sample.coldMs))),
    warmMs: ms(median(samples.map((sample) => sample.warmMs))),
  });
  const app = figures(agenda);
  const floor = figures(handshake);
  return {
    runs,
    rttMs,
    agenda: app,
    handshake: floor,
    preloadedByHost: [...new Set(agenda.flatMap((sample) => sample.preloadedByHost))],
    coldRatio: Number((app.coldMs / floor.coldMs).toFixed(2)),
    warmRatio: Number((app.warmMs / floor.warmMs).toFixed(2)),
    beforeInteractive: {
      requests: median(agenda.map((sample) => sample.beforeInteractive.requests)),
      rounds: median(agenda.map((sample) => sample.beforeInteractive.rounds)),
      calls: agenda[0]?.beforeInteractive.calls ?? [],
    },
  };
}

export interface OperationFigures extends Partial<CountedRequests> {
  /** From the click to the last answer the operation needed, ms (the page's clock). */
  durationMs?: number;
  error?: string;
}

export interface HttpFigures {
  rttMs: number;
  /** Uncaught errors in the emulator page or its frames, if any. */
  pageErrors?: string[];
  /** Both people open the side panel; the employee's frame is counted. */
  beforeInteractive: CountedRequests;
  operations: Record<
    'unchangedPoll' | 'tick' | 'note' | 'addAction' | 'editAction' | 'confirm' | 'agree',
    OperationFigures
  >;
}

async function startConversation(stack: TestStack, employee: string, meetingId: string): Promise<void> {
  const response = await fetch(`${stack.url}/api/plans/${stack.person(employee).id}/conversations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await stack.token(employee)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'job', meetingId }),
  });
  if (!response.ok) throw new Error(`Starting a conversation answered ${response.status}: ${await response.text()}`);
}

async function enabled(frame: Frame, name: string, timeout = 15_000): Promise<void> {
  const button = frame.getByRole('button', { name, exact: true });
  await button.waitFor({ timeout });
  const until = performance.now() + timeout;
  while (!(await button.isEnabled())) {
    if (performance.now() > until) throw new Error(`“${name}” stayed disabled.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A 1:1 in the emulator, the employee on the left and the manager on the right: the requests each
 * edit makes the browser send. Each edit starts right after the frame's own poll, so the next poll
 * (3 s later) falls outside what is counted; the unchanged poll is counted on its own.
 */
async function httpPerOperation(
  browser: Browser,
  stack: TestStack,
  people: { employee: string; manager: string },
  rttMs: number,
): Promise<HttpFigures> {
  const meeting = `bench-http-${people.employee}`;
  await startConversation(stack, people.employee, meeting);
  return again('Counting HTTP requests', () => oneOnOne(browser, stack, people, meeting, rttMs));
}

async function oneOnOne(
  browser: Browser,
  stack: TestStack,
  people: { employee: string; manager: string },
  meeting: string,
  rttMs: number,
): Promise<HttpFigures> {
  const { context, page, log } = await openEmulator(browser, stack.url, {
    left: `${people.employee}:sidepanel`,
    right: `${people.manager}:sidepanel`,
    meeting,
    rttMs,
  });
  // Waits inside an edit are short: an edit that does not happen in 10 s will not happen.
  context.setDefaultTimeout(10_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => {
    if (!pageErrors.includes(error.message)) pageErrors.push(error.message);
  });
  try {
    const employee = await tabFrame(page, 'left');
    const manager = await tabFrame(page, 'right');
    const loaded = await interactive(employee);
    await interactive(manager);
    const counted = await beforeInteractive(log, employee, loaded.epoch);
    await Promise.all([log.settle('tab-left'), log.settle('tab-right')]);

    const operations: Partial<HttpFigures['operations']> = {};
    // Once a panel has stopped rendering, the edits after it are not tried (each would only time out).
    let broken: string | null = null;
    const measure = async (
      key: keyof HttpFigures['operations'],
      frame: Frame,
      steps: { prepare?: () => Promise<void>; act: () => Promise<void>; done?: () => Promise<void> },
    ) => {
      if (broken) {
        operations[key] = { error: `not tried: ${broken}` };
        return;
      }
      try {
        const frameName = frame.name();
        await steps.prepare?.();
        await log.nextPoll(frameName);
        const from = log.mark;
        await steps.act();
        await steps.done?.();
        await log.settle(frameName);
        const counted = await log.count(log.api(frameName, from), frame);
        const clicked = await lastClick(frame);
        operations[key] = {
          ...counted.figures,
          // What the person waits for: from their click to the last answer the edit needed.
          ...(clicked !== null && counted.lastEnd !== null
            ? { durationMs: Math.round(counted.lastEnd - clicked) }
            : {}),
        };
      } catch (error) {
        operations[key] = { error: message(error) };
        // React empties its root when a render throws and nothing catches it.
        if ((await frame.locator('#root > *').count()) === 0)
          broken = `the ${frame.name()} panel stopped rendering during “${key}”${pageErrors.length ? ` (${pageErrors.join('; ')})` : ''}`;
      }
    };

    const poll = await log.nextPoll('tab-left');
    operations.unchangedPoll = poll
      ? (await log.count(log.api('tab-left', poll.from, poll.to), employee)).figures
      : { error: 'The side panel sent nothing within 8 s.' };

    await measure('tick', employee, {
      act: () => employee.getByRole('checkbox', { checked: false, disabled: false }).first().check(),
    });
    const noteBox = employee.getByRole('textbox', { name: /Shared note/ });
    await measure('note', employee, {
      prepare: async () => {
        await employee
          .getByRole('button', { name: /^Add a note: / })
          .first()
          .click();
        await noteBox.fill('Bench: what we said about it');
      },
      act: () => employee.getByRole('button', { name: 'Save note', exact: true }).click(),
      done: () => noteBox.waitFor({ state: 'detached' }),
    });
    const title = 'Bench: automate the smoke tests';
    await measure('addAction', employee, {
      prepare: async () => {
        await employee.getByRole('button', { name: 'Add an action', exact: true }).click();
        await employee.getByRole('textbox', { name: /^Action/ }).fill(title);
        await employee.getByRole('radio', { name: /\(employee\)/ }).check();
        await employee.getByRole('combobox', { name: /^Kind of learning/ }).selectOption('onTheJob');
      },
      act: () => employee.getByRole('button', { name: 'Add action', exact: true }).click(),
      done: () => employee.getByRole('button', { name: 'Add an action', exact: true }).waitFor(),
    });
    await measure('editAction', employee, {
      prepare: async () => {
        await employee.getByRole('button', { name: `Edit: ${title}`, exact: true }).click();
        await employee.getByRole('textbox', { name: /^Action/ }).fill(`${title} of billing`);
      },
      act: () => employee.getByRole('button', { name: 'Save changes', exact: true }).click(),
      done: () => employee.getByRole('button', { name: 'Add an action', exact: true }).waitFor(),
    });
    await measure('confirm', employee, {
      prepare: () => enabled(employee, 'Agree the plan'),
      act: () => employee.getByRole('button', { name: 'Agree the plan', exact: true }).click(),
      done: () =>
        employee
          .getByTestId('agreed-employee')
          .getByText(/^You agreed at/)
          .waitFor(),
    });
    await measure('agree', manager, {
      prepare: async () => {
        await manager
          .getByTestId('agreed-employee')
          .getByText(/agreed at/)
          .waitFor({ timeout: 15_000 });
        await enabled(manager, 'Agree the plan');
      },
      act: () => manager.getByRole('button', { name: 'Agree the plan', exact: true }).click(),
      done: () => manager.getByTestId('agreed-on').waitFor(),
    });
    const missing = { error: 'not measured' };
    return {
      rttMs,
      ...(pageErrors.length ? { pageErrors } : {}),
      beforeInteractive: counted,
      operations: {
        unchangedPoll: operations.unchangedPoll,
        tick: operations.tick ?? missing,
        note: operations.note ?? missing,
        addAction: operations.addAction ?? missing,
        editAction: operations.editAction ?? missing,
        confirm: operations.confirm ?? missing,
        agree: operations.agree ?? missing,
      },
    };
  } finally {
    await context.close();
  }
}

/** The tab with the host emulator, built like `npm start` builds it but into a folder of the bench's own, with the handshake page beside it. */
export async function buildSite(): Promise<{ siteDir: string; handshakePath: string }> {
  const siteDir = await buildTabPreview(mkdtempSync(join(tmpdir(), 'bench-site-')));
  const handshakePath = await buildHandshakePage(siteDir);
  return { siteDir, handshakePath };
}

/**
 * On loopback an answer takes a few milliseconds, so two requests that do not wait for each other can
 * still run one after the other (each waits for its own token, say) and look sequential. Rounds are
 * therefore told apart with every API request delayed by a round trip, as on a real network, where
 * only a request that waits for another's answer starts after it.
 */
export const ROUND_TRIP_PROBE_MS = 25;

export interface TabFigures {
  /** gzip bytes of the JS each surface loads; `error` when the surface did not load. */
  surfaces: Record<string, { files: number; gzip: number; later?: { files: number; gzip: number }; error?: string }>;
  timeToInteractiveAgendaMs: number;
  blankPageMs: number;
  runs: number;
  navigation: NavigationFigures;
  /** The requests per operation, on loopback (no added delay). */
  http: HttpFigures;
  /** The same with a round trip added to every API request (BENCH_RTT_MS, else ROUND_TRIP_PROBE_MS): its rounds are the ones reported. */
  httpDelayed: HttpFigures;
  /** With BENCH_RTT_MS: navigation with that delay added to every API request. */
  withRtt?: { rttMs: number; navigation: NavigationFigures };
}

export async function benchTab(options: { runs?: number; rttMs?: number } = {}): Promise<TabFigures> {
  const runs = options.runs ?? 5;
  const rttMs = options.rttMs ?? 0;
  const { siteDir, handshakePath } = await buildSite();
  const stack = await startTestStack({ siteDir });
  const browser = await launchBrowser();
  try {
    // A conversation for the side panel to open.
    await startConversation(stack, 'ava', 'bench-meeting');
    const surfaces: TabFigures['surfaces'] = {};
    for (const [name, left] of [
      ['side panel', 'ava:sidepanel'],
      ['my plan', 'ava:myplan'],
      ['my team', 'morgan:team'],
    ] as const) {
      try {
        surfaces[name] = await again(`JS loaded by ${name}`, () =>
          jsLoadedBy(browser, stack, siteDir, left, name === 'side panel' ? 'bench-meeting' : `bench-${left}`),
        );
      } catch (error) {
        // One surface that does not load must not cost the whole run: it is reported as not measured.
        surfaces[name] = { files: 0, gzip: 0, error: message(error) };
      }
    }
    const timing = await again('Time to agenda', () => timeToAgenda(browser, stack, runs));
    const figures: TabFigures = {
      surfaces,
      timeToInteractiveAgendaMs: median(timing.agenda),
      blankPageMs: median(timing.blank),
      runs: timing.agenda.length,
      navigation: await navigation(browser, stack, handshakePath, runs, 0),
      http: await httpPerOperation(browser, stack, { employee: 'chloe', manager: 'morgan' }, 0),
      httpDelayed: await httpPerOperation(
        browser,
        stack,
        { employee: 'ben', manager: 'morgan' },
        rttMs > 0 ? rttMs : ROUND_TRIP_PROBE_MS,
      ),
    };
    if (rttMs > 0) {
      figures.withRtt = {
        rttMs,
        navigation: await navigation(browser, stack, handshakePath, runs, rttMs),
      };
    }
    return figures;
  } finally {
    await browser.close();
    await stack.close();
    rmSync(siteDir, { recursive: true, force: true });
  }
}
