import type { Frame, Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConversationViewSchema, PreparedPointsSchema } from '../../functions/src/contract';
import { expectBody } from '../support/client';
import { agreeByBoth } from '../support/fixtures';
import { SCREENSHOTS_DIR, tabFrame } from '../support/preview';
import type { TestStack } from '../support/stack';
import {
  TEXT_SCALES,
  THEMES,
  clippedControls,
  setFrameSize,
  setTextScale,
  setTheme,
  sidewaysOverflow,
  waitForTheme,
  wcagViolations,
} from './fit';
import { useBrowserAndStack } from './harness';
import { addActionAs, agreeAs, apiAs, benOverdue, focused, onDay, startConversation } from './room-support';

/**
 * My plan and My team from a phone to a desktop: nothing scrolls sideways, My team turns into cards, badges stay
 * whole words, in every theme and at 200 % text; links land where they say; deleting looks like deleting.
 */

const e2e = useBrowserAndStack();
let stack: TestStack;
beforeEach(() => {
  stack = e2e.stack;
});

const WIDTHS = [280, 320, 390];

/** Badges whose words break across lines: each word must lie on one line. */
function brokenBadges(frame: Frame): Promise<string[]> {
  return frame.evaluate(() =>
    Array.from(document.querySelectorAll('.fui-Badge')).flatMap((badge) => {
      const broken: string[] = [];
      const walker = document.createTreeWalker(badge, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (const match of text.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const lines = new Set(Array.from(range.getClientRects()).map((rect) => Math.round(rect.top)));
          if (lines.size > 1) broken.push(`"${match[0]}" in "${badge.textContent}"`);
        }
      }
      return broken;
    }),
  );
}

/** A plan with something in every part: an agreed job conversation, an open one, a career plan, prepared points. */
async function chloeWithHistory(): Promise<void> {
  const chloeId = stack.person('chloe').id;
  await onDay(stack, new Date(Date.now() - 30 * 86_400_000), async (as) => {
    const started = expectBody(
      await (await as('morgan')).post(`plans/${chloeId}/conversations`, { type: 'job' }),
      201,
      ConversationViewSchema,
    );
    const base = `plans/${chloeId}/conversations/${started.conversation.id}`;
    for (const [who, title, owner, kind] of [
      ['morgan', 'Book the observability-and-incident-response course', 'manager', 'formal'],
      ['chloe', 'Automate the billing smoke tests', 'employee', 'onTheJob'],
      ['chloe', 'Ask Ben for feedback on my first test suite', 'employee', 'fromOthers'],
    ] as const) {
      expect(
        (await (await as(who)).post(`${base}/actions`, { title, owner, learningKind: kind, dueDate: '2027-01-15' }))
          .status,
      ).toBe(201);
    }
    await agreeAs(as, base, 'chloe', 'morgan');
  });
  const chloe = await apiAs(stack, 'chloe');
  expect(
    (
      await chloe.put(`plans/${chloeId}/career-plan`, {
        aspiration: 'growInRole',
        careerScenario: 'Test architect for the payments platform',
        focusAreas: ['Test automation', 'Release quality', 'Observability-and-incident-response'],
      })
    ).status,
  ).toBe(200);
  expectBody(
    await chloe.post(`plans/${chloeId}/prepared`, { text: 'I would like to own the release checklist', type: 'job' }),
    201,
    PreparedPointsSchema,
  );
  await startConversation(stack, 'chloe', 'chloe', 'career');
}

/** Every width × theme × text size on one surface: what pokes out, what is cut off, broken badges, axe. */
async function acrossWidths(page: Page, frame: Frame, name: string, ready: () => Promise<void>): Promise<string[]> {
  const findings: string[] = [];
  for (const theme of THEMES) {
    await setTheme(page, theme);
    await waitForTheme(frame, theme);
    for (const width of WIDTHS) {
      await setFrameSize(page, 'left', width, 800);
      await frame.waitForFunction((wanted) => window.innerWidth === wanted, width);
      for (const scale of TEXT_SCALES) {
        await setTextScale(frame, scale);
        await ready();
        const where = `${name} ${width} px ${theme} ${scale * 100}%`;
        for (const found of await sidewaysOverflow(frame)) findings.push(`${where}: ${found}`);
        for (const found of await clippedControls(frame)) findings.push(`${where}: cut off ${found}`);
        for (const found of await brokenBadges(frame)) findings.push(`${where}: badge broken ${found}`);
        for (const found of await wcagViolations(frame)) findings.push(`${where}: ${found}`);
        if (theme === 'default' || scale === 2) {
          await page.screenshot({ path: `${SCREENSHOTS_DIR}/${name}-${width}-${theme}-${scale * 100}.png` });
        }
      }
    }
  }
  await setTextScale(frame, 1);
  return findings;
}

describe('the personal tabs on a phone and in a narrow tab', () => {
  it('shows My plan without sideways scrolling from 280 px, in every theme and at 200 % text', async () => {
    await chloeWithHistory();
    const { page } = await e2e.openPreview({ left: 'chloe:myplan' });
    const frame = await tabFrame(page, 'left');
    await frame.getByRole('heading', { name: 'My plan' }).waitFor();
    await frame.getByRole('heading', { name: 'Conversations' }).waitFor();
    await frame.getByTestId('reminders').getByRole('switch').first().waitFor();
    // The page's parts, linked from its top.
    const nav = frame.getByRole('navigation', { name: 'On this page' });
    await expect(nav.getByRole('link').allTextContents()).resolves.toEqual([
      'Career plan',
      'Prepare',
      'Conversations',
      'Reminders',
      'Your data',
    ]);
    // Dates read in the locale Teams gives (en-GB in the preview): "15 Jan 2027", not "2027-01-15".
    await frame.getByText('Due 15 Jan 2027').first().waitFor();
    await expect(frame.getByText('2027-01-15').count()).resolves.toBe(0);
    const findings = await acrossWidths(page, frame, 'my-plan', () => Promise.resolve());
    expect(findings).toEqual([]);
  }, 240_000);

  it('turns My team into cards on narrow widths, with overdue days, and badges whole', async () => {
    await benOverdue(stack);
    await startConversation(stack, 'chloe', 'chloe', 'job');
    const { page } = await e2e.openPreview({ left: 'morgan:team' });
    const frame = await tabFrame(page, 'left');
    await frame.getByRole('heading', { name: 'My team' }).waitFor();
    await setFrameSize(page, 'left', 900, 800);
    await frame.getByRole('table', { name: 'Direct reports' }).waitFor();
    await setFrameSize(page, 'left', 390, 800);
    const cards = frame.getByRole('list', { name: 'Direct reports' });
    await cards.waitFor();
    const ben = cards.getByTestId(`member-${stack.person('ben').id}`);
    await ben.getByText('Overdue by 90 days').waitFor();
    await ben.getByText('You hold too many').waitFor();
    // A new starter is not overdue on day one.
    const chloe = cards.getByTestId(`member-${stack.person('chloe').id}`);
    await chloe.getByText('In progress').waitFor();
    await expect(chloe.getByText(/Overdue/).count()).resolves.toBe(0);
    const findings = await acrossWidths(page, frame, 'my-team', async () => {
      await frame.getByRole('list', { name: 'Direct reports' }).waitFor();
    });
    expect(findings).toEqual([]);
  }, 240_000);
});

describe('links, deletion and freshness', () => {
  it('lands “Plan history” on the history, styles deletion as danger, and reads My team again when it is shown', async () => {
    const base = await startConversation(stack, 'morgan', 'chloe', 'job', 'history-link');
    await addActionAs(stack, 'chloe', base, {
      title: 'Automate the smoke tests',
      owner: 'employee',
      learningKind: 'onTheJob',
    });
    await agreeByBoth(stack, base, 'chloe');
    await startConversation(stack, 'morgan', 'chloe', 'career', 'history-link-2');

    // From the side panel, "Plan history" opens My plan at the history, with the keyboard there.
    const { page } = await e2e.openPreview({ left: 'morgan:sidepanel', meeting: 'history-link-2' });
    const panel = await tabFrame(page, 'left');
    await panel.getByRole('heading', { name: 'Career development' }).waitFor();
    const switched = page.waitForEvent('framedetached', (frame) => frame === panel);
    await panel.getByRole('link', { name: 'Plan history' }).click();
    await switched;
    const plan = await tabFrame(page, 'left');
    await plan.getByRole('heading', { name: 'Chloe Martin’s plan' }).waitFor();
    await expect.poll(() => focused(plan)).toBe('history-heading');
    // In view: at the top, or as high as the page's end lets it go.
    const placed = await plan.getByRole('heading', { name: 'Conversations' }).evaluate((heading) => ({
      top: heading.getBoundingClientRect().top,
      height: window.innerHeight,
      scrolled: window.scrollY,
    }));
    expect(placed.top).toBeGreaterThanOrEqual(0);
    expect(placed.top).toBeLessThan(placed.height - 80);
    expect(placed.scrolled).toBeGreaterThan(0);

    // Deleting is red, not the brand's primary blue, and says what it does.
    const mine = await e2e.openPreview({ left: 'chloe:myplan' });
    const chloePlan = await tabFrame(mine.page, 'left');
    await chloePlan.getByRole('button', { name: 'Delete my plan…' }).click();
    const dialog = chloePlan.getByRole('dialog', { name: 'Delete your whole plan?' });
    const paint = await dialog.getByRole('button', { name: 'Delete everything' }).evaluate((button) => {
      const [red = 0, green = 0, blue = 0] = (getComputedStyle(button).backgroundColor.match(/\d+/g) ?? []).map(Number);
      return { red, green, blue };
    });
    expect(paint.red).toBeGreaterThan(paint.green + 60);
    expect(paint.red).toBeGreaterThan(paint.blue + 60);
    expect(await wcagViolations(chloePlan)).toEqual([]);
    await mine.page.screenshot({ path: `${SCREENSHOTS_DIR}/my-plan-delete.png` });

    // My team, open in a window; Chloe deletes her plan; back to the tab, My team reads again: no "Never · Overdue".
    const team = await e2e.openPreview({ left: 'morgan:team' });
    const overview = await tabFrame(team.page, 'left');
    const row = overview.getByTestId(`member-${stack.person('chloe').id}`);
    await row.getByText('In progress').waitFor();
    await dialog.getByRole('button', { name: 'Delete everything' }).click();
    await chloePlan
      .getByTestId('data-status')
      .getByText(/Your plan is deleted/)
      .waitFor();
    await overview.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect.poll(() => row.getByText('In progress').count()).toBe(0);
    await row.getByText('Never').first().waitFor();
    await expect(row.getByText(/Overdue/).count()).resolves.toBe(0);
  }, 120_000);
});
