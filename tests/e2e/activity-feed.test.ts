import type { Locator, Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { ActionResultSchema, ConversationViewSchema } from '../../functions/src/contract';
import { isolate } from '../support/browser';
import { expectBody } from '../support/client';
import { startDraft } from '../support/fixtures';
import { SCREENSHOTS_DIR, tabFrame } from '../support/preview';
import type { TestStack } from '../support/stack';
import { seriousViolations, useBrowserAndStack } from './harness';

/**
 * The preview's Activity lists: "Run the daily nudges" runs the timer's work against the local Graph
 * stand-in, each side's bell counts what its person's activity feed received, and a notification
 * opens the page its link names, as Teams does from the activity feed.
 */

const e2e = useBrowserAndStack();
let stack: TestStack;
beforeEach(() => {
  stack = e2e.stack;
});

const CONFIRMATION_TEXT = 'Ava Patel agreed the job development plan: your confirmation is waiting';

/** Ava's job conversation with one action of hers, agreed by her alone: Morgan's confirmation is waiting. */
async function avaAgreedAlone(): Promise<void> {
  const draft = await startDraft(stack, 'ava', 'job');
  expectBody(
    await draft.client.post(`${draft.base}/actions`, {
      title: 'Pair with the platform team on the release tooling',
      owner: 'employee',
      learningKind: 'onTheJob',
    }),
    201,
    ActionResultSchema,
  );
  const current = expectBody(await draft.client.get(draft.base), 200, ConversationViewSchema);
  expectBody(
    await draft.client.post(`${draft.base}/agree`, { revision: current.conversation.revision }),
    200,
    ConversationViewSchema,
  );
}

/** What the stand-in's activity feed holds for a person, newest first, through the dev endpoint. */
async function receivedBy(shortName: string): Promise<{ previewText?: { content: string } }[]> {
  const response = await fetch(`${stack.url}/dev/nudges/received?user=${shortName}`);
  expect(response.status).toBe(200);
  return (await response.json()) as { previewText?: { content: string } }[];
}

/** A datetime-local value for an instant, in the browser's own time zone (the input has none). */
function localInputValue(page: Page, instant: Date): Promise<string> {
  return page.evaluate((iso) => {
    const date = new Date(iso);
    const pad = (value: number) => String(value).padStart(2, '0');
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
  }, instant.toISOString());
}

const side = (page: Page, name: 'left' | 'right'): Locator => page.locator(`.stage[data-side="${name}"]`);
/** A side's bell by its whole accessible name, which says the count. */
const bellOf = (page: Page, name: 'left' | 'right', count: number): Locator =>
  side(page, name).getByRole('button', {
    name: `Activity, ${count === 0 ? 'no' : count} notification${count === 1 ? '' : 's'}`,
    exact: true,
  });

describe('the Activity lists of the preview', () => {
  it('shows the nudges a run sends, per person, and opens the plan a notification links to', async () => {
    await avaAgreedAlone();
    const { page } = await e2e.openPreview({ left: 'morgan:sidepanel', right: 'ava:sidepanel' });
    const run = page.getByRole('button', { name: 'Run the daily nudges' });
    await run.waitFor();
    await bellOf(page, 'left', 0).waitFor();
    await bellOf(page, 'right', 0).waitFor();

    // As if two hours later: Ava's confirmation has waited more than an hour.
    const at = new Date(Date.now() + 2 * 60 * 60 * 1000);
    await page.getByLabel('Daily nudges as if at').fill(await localInputValue(page, at));
    const answered = page.waitForResponse((response) => response.url().includes('/dev/nudges/run'));
    await run.click();
    const response = await answered;
    const requested = new URL(response.url()).searchParams.get('at');
    expect(Math.abs(Date.parse(requested ?? '') - at.getTime())).toBeLessThan(60_000);
    const report = (await response.json()) as { notifications: number; sent: number; failed: number };
    expect(report.failed).toBe(0);

    // The status line (polite live region) gives the run's counts once both lists are read again.
    const status = page.getByRole('status').filter({ hasText: 'Daily nudges run as if at' });
    await status.waitFor();
    await expect(status.getAttribute('aria-live')).resolves.toBe('polite');
    expect(await status.textContent()).toContain(`${report.notifications} nudge`);
    expect(await status.textContent()).toContain(`${report.sent} sent`);

    // Morgan's bell counts what his feed received (on his digest day that is the weekly digest too); Ava received nothing.
    const morgans = await receivedBy('morgan');
    expect(morgans.map((activity) => activity.previewText?.content)).toContain(CONFIRMATION_TEXT);
    const count = morgans.length;
    const bell = bellOf(page, 'left', count);
    await bell.waitFor();
    await expect(side(page, 'left').locator('.badge').textContent()).resolves.toBe(String(count));
    await bellOf(page, 'right', 0).waitFor();
    await expect(side(page, 'right').locator('.badge').isHidden()).resolves.toBe(true);
    expect(await receivedBy('ava')).toEqual([]);

    // The list, newest first: the text, its kind and where it leads.
    await bell.click();
    await expect(bell.getAttribute('aria-expanded')).resolves.toBe('true');
    const list = side(page, 'left').getByRole('region', { name: 'Activity · Morgan Lee' });
    const item = list.getByRole('button', { name: new RegExp(CONFIRMATION_TEXT) });
    await item.waitFor();
    // Newest first, as the feed received them.
    await expect(list.locator('.activity-text').allTextContents()).resolves.toEqual(
      morgans.map((activity) => activity.previewText?.content),
    );
    await expect(item.locator('.activity-meta').textContent()).resolves.toBe(
      'Confirmation waiting · opens My plan (Ava Patel)',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS_DIR}/preview-activity.png` });

    // Keyboard: Escape closes the list and gives the focus back to the bell; Enter opens it again.
    await item.focus();
    await page.keyboard.press('Escape');
    await expect(list.isHidden()).resolves.toBe(true);
    await expect(bell.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('Enter');
    // Tab walks the list from the newest; the confirmation is where the feed has it.
    const position = morgans.findIndex((activity) => activity.previewText?.content === CONFIRMATION_TEXT);
    for (let step = 0; step <= position; step += 1) await page.keyboard.press('Tab');
    await expect(item.evaluate((element) => element === document.activeElement)).resolves.toBe(true);

    // Following it opens Ava's plan on Morgan's side, as the link's subEntityId says.
    await page.keyboard.press('Enter');
    await expect.poll(() => side(page, 'left').getAttribute('data-surface')).toBe('myplan');
    await expect(side(page, 'left').getByLabel('Surface').inputValue()).resolves.toBe('myplan');
    const frame = await tabFrame(page, 'left');
    await frame.getByRole('heading', { name: 'Ava Patel’s plan', level: 1 }).waitFor();
    await expect(list.isHidden()).resolves.toBe(true);
    await expect(bell.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
    // Ava's side stays where it was.
    await expect(side(page, 'right').getAttribute('data-surface')).resolves.toBe('sidepanel');

    // Legible in the dark and high-contrast themes too.
    for (const theme of ['dark', 'contrast'] as const) {
      await page.getByLabel('Teams theme').selectOption(theme);
      await bell.click();
      await item.waitFor();
      expect(await seriousViolations(page), theme).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS_DIR}/preview-activity-${theme}.png` });
      await page.keyboard.press('Escape');
    }
  }, 90_000);

  it('hides the controls where the local run has no nudges', async () => {
    const context = e2e.track(await e2e.browser.newContext({ viewport: { width: 1280, height: 900 } }));
    await isolate(context);
    // A server without the nudges endpoints answers them 404.
    await context.route(
      (url) => url.pathname.startsWith('/dev/nudges/'),
      (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not found' }),
    );
    const page = await context.newPage();
    let refused = 0;
    page.on('requestfinished', (request) => {
      if (request.url().includes('/dev/nudges/received')) refused += 1;
    });
    await page.goto(`${stack.url}/preview.html?left=morgan:sidepanel&right=ava:sidepanel`);
    // Both sides asked for their feed and the page asked whether nudges run here; all heard 404.
    await expect.poll(() => refused).toBe(3);
    await expect.poll(() => page.evaluate(() => document.body.dataset.nudges)).toBe('off');
    await expect(page.evaluate(() => document.querySelectorAll('.activity[hidden]').length)).resolves.toBe(2);
    await expect(page.getByRole('button', { name: 'Run the daily nudges' }).isHidden()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: /^Activity/ }).count()).resolves.toBe(0);
  }, 60_000);
});
