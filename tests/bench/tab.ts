import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { buildTabPreview } from '../../functions/dev/build-tab';
import { launchBrowser } from '../support/browser';
import { openPreview, tabFrame } from '../support/preview';
import { startTestStack, type TestStack } from '../support/stack';

/** The tab's figures: the gzip size of the JS each surface loads, and the time to an interactive agenda. */

async function jsLoadedBy(browser: Browser, stack: TestStack, left: string): Promise<{ files: number; gzip: number }> {
  const { context, page } = await openPreview(browser, stack, { left, meeting: `bench-${left}` });
  const sizes = new Map<string, number>();
  const reads: Promise<unknown>[] = [];
  context.on('response', (response) => {
    const url = new URL(response.url());
    if (!url.pathname.endsWith('.js') || response.frame().name() === '') return;
    reads.push(
      response.body().then(
        (body) => sizes.set(url.pathname, gzipSync(body).length),
        () => undefined,
      ),
    );
  });
  await page.reload();
  const frame = await tabFrame(page, 'left');
  await frame.waitForSelector('main h1', { timeout: 30_000 });
  await Promise.all(reads);
  await context.close();
  return { files: sizes.size, gzip: [...sizes.values()].reduce((sum, size) => sum + size, 0) };
}

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

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function benchTab(): Promise<Record<string, unknown>> {
  const siteDir = await buildTabPreview();
  const stack = await startTestStack({ siteDir });
  const browser = await launchBrowser();
  try {
    // A conversation for the side panel to open.
    const { clientFor } = await import('../support/client');
    const ava = clientFor(stack, await stack.token('ava'));
    await ava.post(`plans/${stack.person('ava').id}/conversations`, { type: 'job', meetingId: 'bench-meeting' });
    const surfaces: Record<string, { files: number; gzip: number }> = {};
    for (const [name, left] of [
      ['side panel', 'ava:sidepanel'],
      ['my plan', 'ava:myplan'],
      ['my team', 'morgan:team'],
    ] as const) {
      surfaces[name] = await jsLoadedBy(browser, stack, left);
    }
    const timing = await timeToAgenda(browser, stack, 5);
    return {
      surfaces,
      timeToInteractiveAgendaMs: median(timing.agenda),
      blankPageMs: median(timing.blank),
      runs: timing.agenda.length,
    };
  } finally {
    await browser.close();
    await stack.close();
  }
}
