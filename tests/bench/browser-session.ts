import type { Browser, BrowserContext, Frame, Page, Request } from 'playwright-core';
import { routes } from '../../functions/src/routes';
import { sequentialRounds } from './rounds';

/**
 * What the bench needs from a browser: the host emulator opened with the HTTP cache left on, the
 * requests each framed tab sends (counted, named and put in sequential rounds by the page's own
 * timings), an optional emulated round trip on API requests, and the moment an agenda became
 * interactive.
 */

export interface EmulatorOptions {
  left: string;
  right?: string;
  meeting: string;
  /** Added to every API request, to show what a real network's round trips cost. */
  rttMs: number;
  /** Answers the frame's first tab document with an empty page, so a later navigation starts from an empty cache. */
  holdFirstTabDocument?: boolean;
}

/**
 * Set in every document: `__benchInteractiveAt` (ms since the document's navigation started) and
 * `__benchInteractiveEpoch` (ms since 1970, the page's clock) when a visible, enabled checkbox first
 * appears; `__benchLastClick` (the page's clock) at every click; and room for every Resource Timing entry.
 */
const INTERACTIVE_MARKER = `(() => {
  performance.setResourceTimingBufferSize(10000);
  addEventListener('click', () => { window.__benchLastClick = performance.timeOrigin + performance.now(); }, true);
  const mark = () => {
    if (window.__benchInteractiveAt !== undefined) return true;
    for (const box of document.querySelectorAll('input[type="checkbox"]:not([disabled])')) {
      if (box.checkVisibility()) {
        const now = performance.now();
        window.__benchInteractiveAt = now;
        window.__benchInteractiveEpoch = performance.timeOrigin + now;
        return true;
      }
    }
    return false;
  };
  const observer = new MutationObserver(() => {
    if (mark()) observer.disconnect();
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled', 'open'] });
})();`;

const delay = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });

/**
 * Playwright's own routing turns the HTTP cache off, so a warm navigation would not be warm. This
 * intercepts with the DevTools protocol instead, and only what it must: requests off this machine
 * (teams-js asks a Microsoft CDN for its valid-domains list; it gets `{validOrigins: []}`, anything
 * else is refused, as in the browser tests), API requests when a round-trip delay is asked for, and
 * optionally the tab frame's first document.
 */
async function intercept(page: Page, options: EmulatorOptions): Promise<{ held: Promise<void> }> {
  const session = await page.context().newCDPSession(page);
  let holding = options.holdFirstTabDocument ?? false;
  let served: () => void = () => undefined;
  const held = holding
    ? new Promise<void>((resolve) => {
        served = resolve;
      })
    : Promise.resolve();
  const patterns = () => [
    { urlPattern: 'https://*' },
    ...(options.rttMs > 0 ? [{ urlPattern: '*/api/*' }] : []),
    ...(holding ? [{ urlPattern: '*/index.html?view=*', resourceType: 'Document' as const }] : []),
  ];
  session.on('Fetch.requestPaused', (event) => {
    void (async () => {
      const url = new URL(event.request.url);
      if (url.protocol === 'https:') {
        if (url.pathname.endsWith('validDomains.json') || url.pathname.includes('/teams-js/')) {
          await session.send('Fetch.fulfillRequest', {
            requestId: event.requestId,
            responseCode: 200,
            responseHeaders: [
              { name: 'Content-Type', value: 'application/json' },
              { name: 'Access-Control-Allow-Origin', value: '*' },
            ],
            body: Buffer.from(JSON.stringify({ validOrigins: [] })).toString('base64'),
          });
        } else {
          await session.send('Fetch.failRequest', { requestId: event.requestId, errorReason: 'BlockedByClient' });
        }
        return;
      }
      if (holding && event.resourceType === 'Document' && url.pathname.endsWith('/index.html')) {
        holding = false;
        await session.send('Fetch.fulfillRequest', {
          requestId: event.requestId,
          responseCode: 200,
          responseHeaders: [{ name: 'Content-Type', value: 'text/html; charset=utf-8' }],
          body: Buffer.from('<!doctype html><title>Waiting</title>').toString('base64'),
        });
        await session.send('Fetch.enable', { patterns: patterns() });
        served();
        return;
      }
      if (url.pathname.startsWith('/api/') && options.rttMs > 0) await delay(options.rttMs);
      await session.send('Fetch.continueRequest', { requestId: event.requestId });
    })().catch(() => undefined);
  });
  await session.send('Fetch.enable', { patterns: patterns() });
  return { held };
}

/** The host emulator in a new browser context (an empty cache), with the request log attached before anything loads. */
export async function openEmulator(
  browser: Browser,
  baseUrl: string,
  options: EmulatorOptions,
): Promise<{ context: BrowserContext; page: Page; log: RequestLog; held: Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript({ content: INTERACTIVE_MARKER });
  const log = new RequestLog(context, baseUrl);
  const page = await context.newPage();
  const { held } = await intercept(page, options);
  const query = new URLSearchParams({ left: options.left, meeting: options.meeting });
  if (options.right) query.set('right', options.right);
  else query.set('layout', 'single');
  await page.goto(`${baseUrl}/preview.html?${query.toString()}`);
  return { context, page, log, held };
}

/** What INTERACTIVE_MARKER leaves on the window. */
interface Marked {
  __benchInteractiveAt?: number;
  __benchInteractiveEpoch?: number;
  __benchLastClick?: number;
}

/** When the frame's document last saw a click, on the page's clock. */
export async function lastClick(frame: Frame): Promise<number | null> {
  return frame.evaluate(() => (globalThis as Marked).__benchLastClick ?? null);
}

/** When the frame's current document first showed a visible, enabled checkbox: ms after its navigation started, and on the page's clock. */
export async function interactive(
  frame: Frame,
  timeout = 30_000,
): Promise<{ afterNavigationMs: number; epoch: number }> {
  // Functions, not strings: the tab's CSP has no 'unsafe-eval', and Playwright evaluates a string predicate with eval.
  const handle = await frame.waitForFunction(
    () => {
      const marked = globalThis as Marked;
      return marked.__benchInteractiveAt !== undefined && marked.__benchInteractiveEpoch !== undefined
        ? [marked.__benchInteractiveAt, marked.__benchInteractiveEpoch]
        : false;
    },
    undefined,
    { timeout },
  );
  const [afterNavigationMs, epoch] = (await handle.jsonValue()) as [number, number];
  await handle.dispose();
  return { afterNavigationMs, epoch };
}

interface CompiledRoute {
  name: string;
  methods: string[];
  pattern: RegExp;
}

/** The API's routes as the local host matches them, to name what the browser sent. */
const API_ROUTES: CompiledRoute[] = routes.map((route) => ({
  name: route.name,
  methods: route.methods,
  pattern: new RegExp(
    `^/api/${route.route
      .split('/')
      .map((segment) => (/^\{\w+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/')}/?$`,
  ),
}));

function routeOf(method: string, pathname: string): string {
  const found = API_ROUTES.find((route) => route.methods.includes(method) && route.pattern.test(pathname));
  return found?.name ?? pathname;
}

export interface LoggedRequest {
  request: Request;
  /** The name of the frame that sent it ("tab-left", "tab-right"; "" for the emulator page itself). */
  frame: string;
  api: boolean;
  method: string;
  route: string;
  /** Node's clock, for waiting; the page's own timings are used for rounds. */
  sentAt: number;
  finishedAt: number | null;
}

/** CountedRequests, with when the last answer ended (the page's clock). */
export interface Counted {
  figures: CountedRequests;
  lastEnd: number | null;
}

export interface CountedRequests {
  requests: number;
  rounds: number;
  /** Each request: method, route name and status, in the order sent, with its round. */
  calls: string[];
  /** From the first request's start to the last answer's end, ms. */
  spanMs: number | null;
}

/** Every request of a browser context, with the frame that sent it. */
export class RequestLog {
  readonly entries: LoggedRequest[] = [];
  private readonly byRequest = new Map<Request, LoggedRequest>();

  constructor(
    context: BrowserContext,
    private readonly origin: string,
  ) {
    context.on('request', (request) => {
      const url = new URL(request.url());
      let frame = '';
      try {
        frame = request.frame().name();
      } catch {
        frame = '';
      }
      const api = url.origin === this.origin && url.pathname.startsWith('/api/');
      const entry: LoggedRequest = {
        request,
        frame,
        api,
        method: request.method(),
        route: api ? routeOf(request.method(), url.pathname) : url.pathname,
        sentAt: performance.now(),
        finishedAt: null,
      };
      this.entries.push(entry);
      this.byRequest.set(request, entry);
    });
    const finished = (request: Request) => {
      const entry = this.byRequest.get(request);
      if (entry) entry.finishedAt = performance.now();
    };
    context.on('requestfinished', finished);
    context.on('requestfailed', finished);
  }

  /** A mark to count from. */
  get mark(): number {
    return this.entries.length;
  }

  /** API requests from one frame, since a mark (and before another). */
  api(frame: string, from = 0, to = this.entries.length): LoggedRequest[] {
    return this.entries.slice(from, to).filter((entry) => entry.api && entry.frame === frame);
  }

  /** Waits until the frame has had no request in flight and sent none for `quietMs`. */
  async settle(frame: string, quietMs = 400, timeoutMs = 20_000): Promise<void> {
    const until = performance.now() + timeoutMs;
    for (;;) {
      const mine = this.entries.filter((entry) => entry.frame === frame);
      const busy = mine.some((entry) => entry.finishedAt === null);
      const last = Math.max(0, ...mine.map((entry) => entry.finishedAt ?? entry.sentAt));
      if (!busy && performance.now() - last >= quietMs) return;
      if (performance.now() > until) throw new Error(`The ${frame} frame did not settle in ${timeoutMs} ms.`);
      await delay(50);
    }
  }

  /**
   * Waits for the frame's next API request that nothing in the bench caused (its poll), and for it
   * to settle; the marks it ran between, or null when none came within `timeoutMs`.
   */
  async nextPoll(frame: string, timeoutMs = 8_000): Promise<{ from: number; to: number } | null> {
    const from = this.mark;
    const until = performance.now() + timeoutMs;
    while (this.api(frame, from).length === 0) {
      if (performance.now() > until) return null;
      await delay(25);
    }
    await this.settle(frame);
    return { from, to: this.mark };
  }

  /**
   * Counts requests, puts them in sequential rounds and names them. The rounds come from the frame's
   * own Resource Timing entries (when the page issued each fetch and received its last byte, on the
   * page's clock), which order a request and the one its answer started exactly; DevTools' events can
   * report an answer's end a little after the page already acted on it. Playwright's timings stand in
   * for a request the page has no entry for.
   */
  async count(all: LoggedRequest[], frame: Frame, options: { startedBy?: number } = {}): Promise<Counted> {
    const seen = await frame
      .evaluate(() =>
        performance.getEntriesByType('resource').map((entry) => {
          const timing = entry as unknown as { name: string; startTime: number; responseEnd: number };
          return {
            url: timing.name,
            start: performance.timeOrigin + timing.startTime,
            end: timing.responseEnd > 0 ? performance.timeOrigin + timing.responseEnd : null,
          };
        }),
      )
      .catch(() => []);
    const used = new Set<number>();
    const timed = all.map((entry) => {
      const timing = entry.request.timing();
      const fallback = {
        start: timing.startTime,
        end: timing.responseEnd >= 0 ? timing.startTime + timing.responseEnd : null,
      };
      // The page's entry for the same address that started nearest to when DevTools saw the request.
      let best = -1;
      for (const [index, candidate] of seen.entries()) {
        if (used.has(index) || candidate.url !== entry.request.url()) continue;
        // Nearest on two clocks that agree to within milliseconds; a poll of the same address is 3 s away.
        const distance = Math.abs(candidate.start - fallback.start);
        if (distance < 1000 && (best < 0 || distance < Math.abs(seen[best]!.start - fallback.start))) best = index;
      }
      if (best < 0) return { entry, span: fallback };
      used.add(best);
      return { entry, span: { start: seen[best]!.start, end: seen[best]!.end } };
    });
    // Only the requests started by a moment (on the page's clock), when asked. A request still in flight that the
    // page has no entry for, and whose start Playwright does not know yet (0), began after the moment it is read at.
    const kept = timed.filter(
      ({ span }) => options.startedBy === undefined || (span.start > 0 && span.start <= options.startedBy),
    );
    const entries = kept.map(({ entry }) => entry);
    const spans = kept.map(({ span }) => span);
    const { each, rounds } = sequentialRounds(spans);
    const starts = spans.map((span) => span.start);
    const origin = starts.length ? Math.min(...starts) : 0;
    const calls = await Promise.all(
      entries.map(async (entry, index) => {
        const response = await entry.request.response().catch(() => null);
        const span = spans[index]!;
        const when = `${Math.round(span.start - origin)}–${span.end === null ? '…' : Math.round(span.end - origin)} ms`;
        return `${entry.method} ${entry.route} → ${response?.status() ?? 'failed'} (round ${each[index] ?? 1}, ${when})`;
      }),
    );
    const ends = spans.flatMap((span) => (span.end === null ? [] : [span.end]));
    const lastEnd = ends.length ? Math.max(...ends) : null;
    return {
      figures: {
        requests: entries.length,
        rounds,
        calls,
        spanMs: starts.length && lastEnd !== null ? Math.round(lastEnd - origin) : null,
      },
      lastEnd,
    };
  }
}
