import type { Browser, Frame } from 'playwright-core';
import { ConversationViewSchema } from '../../functions/src/contract';
import { launchBrowser } from '../support/browser';
import { clientFor, expectBody, type Client } from '../support/client';
import { tabFrame } from '../support/preview';
import { startTestStack, type TestStack } from '../support/stack';
import { interactive, openEmulator } from './browser-session';

/**
 * Live updates, as the other person sees them: both panels of a 1:1 open in the host emulator, the employee writes
 * (through the API, as her panel would), and the manager's panel is watched until it shows the change. Also what an
 * open, idle panel costs in storage requests per minute, live and polling.
 */

export const LIVE_KINDS = ['tick', 'note', 'talkingPoint', 'addAction', 'confirm'] as const;
export type LiveKind = (typeof LIVE_KINDS)[number];

export interface LatencyFigures {
  samples: number;
  p50: number;
  p95: number;
  max: number;
}

export interface LiveFigures {
  /** ms from the write being sent to the other panel showing it, per kind; on loopback and with the added round trip. */
  latency: Record<LiveKind, LatencyFigures>;
  latencyWithRtt: { rttMs: number; figures: Record<LiveKind, LatencyFigures> };
  /** Storage requests an open, idle panel causes per minute: connected, and with the service away (polling). */
  idleStoragePerPanelMinute: { live: number; polling: number };
}

/** What to watch for in the other panel; evaluated in the page on every change of its DOM. */
interface Watch {
  kind: LiveKind;
  marker: string;
  checked?: boolean;
}

/** The little of the DOM the watcher uses (this file compiles without the DOM's types). */
interface PageGlobals {
  document: {
    getElementById: (id: string) => { checked?: boolean } | null;
    querySelector: (selector: string) => { textContent: string | null } | null;
    body: { textContent: string };
  };
  performance: { timeOrigin: number; now: () => number };
  MutationObserver: new (callback: () => void) => {
    observe: (target: unknown, options: object) => void;
    disconnect: () => void;
  };
}

/**
 * Resolves with the page's clock when the watched change shows; starts watching at once. The function sent to the
 * page binds no names of its own: tsx (esbuild's keepNames) would wrap a named one in a helper the page lacks.
 */
function seenAt(frame: Frame, watch: Watch): Promise<number> {
  return frame.evaluate(
    (wanted) =>
      new Promise<number>((resolve) => {
        const page = globalThis as unknown as PageGlobals;
        const [shows] = [
          () =>
            wanted.kind === 'tick'
              ? page.document.getElementById('tick-goals-objectives')?.checked === wanted.checked
              : wanted.kind === 'confirm'
                ? (page.document.querySelector('[data-testid="agreed-employee"]')?.textContent ?? '').includes(
                    wanted.checked ? 'agreed at' : 'Waiting for',
                  )
                : page.document.body.textContent.includes(wanted.marker),
        ];
        if (shows()) {
          resolve(page.performance.timeOrigin + page.performance.now());
          return;
        }
        const [observer] = [
          new page.MutationObserver(() => {
            if (!shows()) return;
            observer.disconnect();
            resolve(page.performance.timeOrigin + page.performance.now());
          }),
        ];
        observer.observe(page.document, { subtree: true, childList: true, characterData: true, attributes: true });
      }),
    watch,
  );
}

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? 0;
}

function summarise(samples: number[]): LatencyFigures {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    samples: sorted.length,
    p50: Math.round(percentile(sorted, 0.5)),
    p95: Math.round(percentile(sorted, 0.95)),
    max: Math.round(sorted.at(-1) ?? 0),
  };
}

async function startDraft(stack: TestStack, meeting: string): Promise<{ base: string; chloe: Client }> {
  const chloe = clientFor(stack, await stack.token('chloe'));
  const view = expectBody(
    await chloe.post(`plans/${stack.person('chloe').id}/conversations`, { type: 'job', meetingId: meeting }),
    201,
    ConversationViewSchema,
  );
  return { base: `plans/${stack.person('chloe').id}/conversations/${view.conversation.id}`, chloe };
}

/** Both panels of a new conversation, live; answers the manager's frame. */
async function bothPanels(browser: Browser, stack: TestStack, meeting: string, rttMs: number) {
  const opened = await openEmulator(browser, stack.url, {
    left: 'morgan:sidepanel',
    right: 'chloe:sidepanel',
    meeting,
    rttMs,
  });
  const manager = await tabFrame(opened.page, 'left');
  const employee = await tabFrame(opened.page, 'right');
  await interactive(manager);
  await interactive(employee);
  for (const frame of [manager, employee]) await frame.locator('main[data-live="on"]').waitFor({ timeout: 30_000 });
  return { ...opened, manager };
}

/** One kind of change, `count` times, each timed from the write being sent to the manager's panel showing it. */
async function timeKind(
  browser: Browser,
  stack: TestStack,
  kind: LiveKind,
  count: number,
  rttMs: number,
): Promise<number[]> {
  const samples: number[] = [];
  // Talking points and actions are capped at 25 a conversation: a new conversation when one is full.
  const perConversation = 20;
  for (let done = 0; done < count;) {
    const meeting = `bench-live-${kind}-${rttMs}-${done}`;
    const { base, chloe } = await startDraft(stack, meeting);
    // A plan one may agree to: the employee owns an action.
    if (kind === 'confirm')
      await chloe.post(`${base}/actions`, {
        title: 'Bench: own the plan',
        owner: 'employee',
        learningKind: 'onTheJob',
      });
    const { context, manager } = await bothPanels(browser, stack, meeting, rttMs);
    try {
      const view = expectBody(await chloe.get(base), 200, ConversationViewSchema);
      let etag = view.conversation.etag;
      let revision = view.conversation.revision;
      for (let index = 0; index < perConversation && done < count; index += 1, done += 1) {
        const marker = `bench-${kind}-${done}`;
        const on = index % 2 === 0;
        const watching = seenAt(manager, { kind, marker, checked: on });
        // Settled either way before the page goes, so a failure below is the one reported.
        watching.catch(() => undefined);
        const sent = Date.now();
        let answer: { status: number; body: unknown };
        if (kind === 'tick') {
          answer = await chloe.patch(`${base}/agenda/goals.objectives`, { discussed: on }, { ifMatch: etag });
        } else if (kind === 'note') {
          answer = await chloe.patch(`${base}/agenda/goals.learn`, { note: marker }, { ifMatch: etag });
        } else if (kind === 'talkingPoint') {
          answer = await chloe.post(`${base}/agenda`, { text: marker }, { ifMatch: etag });
        } else if (kind === 'addAction') {
          answer = await chloe.post(`${base}/actions`, { title: marker, owner: 'employee', learningKind: 'onTheJob' });
        } else if (on) {
          answer = await chloe.post(`${base}/agree`, { revision });
        } else {
          answer = await chloe.delete(`${base}/agree`);
        }
        if (answer.status >= 300) throw new Error(`The ${kind} write answered ${answer.status}.`);
        const shown = await Promise.race([
          watching,
          new Promise<never>((_, reject) =>
            setTimeout(() => {
              reject(new Error(`The manager's panel did not show ${kind} #${done} within 20 s.`));
            }, 20_000),
          ),
        ]);
        samples.push(shown - sent);
        const latest = expectBody(await chloe.get(base), 200, ConversationViewSchema);
        etag = latest.conversation.etag;
        revision = latest.conversation.revision;
      }
      await closeDraft(stack, base);
    } finally {
      await context.close();
    }
  }
  return samples;
}

/** Agrees a draft by both (with an action of the employee's, if it has none), so the plan can start the next one. */
async function closeDraft(stack: TestStack, base: string): Promise<void> {
  const chloe = clientFor(stack, await stack.token('chloe'));
  const morgan = clientFor(stack, await stack.token('morgan'));
  let view = expectBody(await chloe.get(base), 200, ConversationViewSchema);
  if (!view.ownership.satisfied) {
    await chloe.post(`${base}/actions`, {
      title: 'Bench: close the draft',
      owner: 'employee',
      learningKind: 'onTheJob',
    });
    view = expectBody(await chloe.get(base), 200, ConversationViewSchema);
  }
  const { revision } = view.conversation;
  if (!view.conversation.confirmations.some((entry) => entry.role === 'employee' && entry.revision === revision)) {
    expectBody(await chloe.post(`${base}/agree`, { revision }), 200, ConversationViewSchema);
  }
  expectBody(await morgan.post(`${base}/agree`, { revision }), 200, ConversationViewSchema);
}

/** Storage requests in a minute with both panels of a conversation open and idle, divided by the two panels. */
async function idleStorage(browser: Browser, stack: TestStack, live: boolean): Promise<number> {
  if (!stack.proxy || !stack.live) throw new Error('The bench needs the counting proxy and the Web PubSub stand-in.');
  const meeting = `bench-idle-${live ? 'live' : 'polling'}`;
  const { base } = await startDraft(stack, meeting);
  const { context, page } = await bothPanels(browser, stack, meeting, 0);
  try {
    if (!live) {
      stack.live.stop();
      for (const side of ['left', 'right'] as const)
        await (await tabFrame(page, side)).locator('main[data-live="off"]').waitFor({ timeout: 30_000 });
    }
    // Let the reads that follow connecting settle, then count one whole minute.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const before = stack.proxy.forwarded;
    await new Promise((resolve) => setTimeout(resolve, 60_000));
    return (stack.proxy.forwarded - before) / 2;
  } finally {
    await context.close();
    if (!live) stack.live.start();
    await closeDraft(stack, base);
  }
}

export async function benchLive(options: { siteDir: string; samples?: number; rttMs: number }): Promise<LiveFigures> {
  const count = options.samples ?? 30;
  const stack = await startTestStack({ siteDir: options.siteDir, faulty: true });
  const browser = await launchBrowser();
  try {
    const measureAll = async (rttMs: number) => {
      const figures = {} as Record<LiveKind, LatencyFigures>;
      for (const kind of LIVE_KINDS) figures[kind] = summarise(await timeKind(browser, stack, kind, count, rttMs));
      return figures;
    };
    const latency = await measureAll(0);
    const latencyWithRtt = { rttMs: options.rttMs, figures: await measureAll(options.rttMs) };
    const idleStoragePerPanelMinute = {
      live: await idleStorage(browser, stack, true),
      polling: await idleStorage(browser, stack, false),
    };
    return { latency, latencyWithRtt, idleStoragePerPanelMinute };
  } finally {
    await browser.close();
    await stack.close();
  }
}
