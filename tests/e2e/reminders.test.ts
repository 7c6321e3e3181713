import type { Frame, Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { NudgePreferencesSchema } from '../../functions/src/contract';
import { clientFor, expectBody } from '../support/client';
import { SCREENSHOTS_DIR, tabFrame } from '../support/preview';
import type { TestStack } from '../support/stack';
import { seriousViolations, useBrowserAndStack } from './harness';

/**
 * The Reminders card: each person chooses which nudges reach their Teams activity feed, in My plan
 * (their own actions and conversations) and, for a manager, in My team (the team and the digest day).
 */

const e2e = useBrowserAndStack();
let stack: TestStack;
beforeEach(() => {
  stack = e2e.stack;
});

async function storedChoiceOf(person: string) {
  const client = clientFor(stack, await stack.token(person));
  return expectBody(await client.get('me/nudges'), 200, NudgePreferencesSchema);
}

/** Narrows the tab's frame, as a narrow Teams window or a phone-sized one would. */
async function setFrameWidth(page: Page, width: number): Promise<void> {
  await page.waitForSelector('iframe[name="tab-left"]');
  await page.evaluate((width) => {
    const frame = document.querySelector<HTMLIFrameElement>('iframe[name="tab-left"]');
    if (!frame) throw new Error('no frame');
    frame.style.width = `${width}px`;
    const stage = frame.closest<HTMLElement>('.stage');
    if (stage) stage.style.flex = '0 0 auto';
  }, width);
}

/** Anything in the card that sticks out sideways. */
function sticksOut(frame: Frame): Promise<string[]> {
  return frame.getByTestId('reminders').evaluate((card) => {
    const bounds = card.getBoundingClientRect();
    return Array.from(card.querySelectorAll('*')).flatMap((element) => {
      const rect = element.getBoundingClientRect();
      if (rect.width <= 1 || rect.height <= 1) return [];
      return rect.left < bounds.left - 0.5 || rect.right > bounds.right + 0.5
        ? [`${element.tagName.toLowerCase()} "${element.textContent.slice(0, 30)}" ${rect.left}–${rect.right}`]
        : [];
    });
  });
}

describe('reminders', () => {
  it('lets the employee turn a reminder off in My plan, and it stays off after a reload', async () => {
    const { page } = await e2e.openPreview({ left: 'ava:myplan' });
    let frame = await tabFrame(page, 'left');
    await frame.getByRole('heading', { name: 'My plan' }).waitFor();
    const card = frame.getByTestId('reminders');
    await card.getByRole('heading', { name: 'Reminders' }).waitFor();
    const overdue = card.getByRole('switch', { name: 'An action of mine is overdue' });
    await overdue.waitFor();
    // Her own five kinds, each explained; the team's reminders and the digest day are for managers.
    await expect(card.getByRole('switch').count()).resolves.toBe(5);
    await expect(card.getByRole('combobox', { name: 'Digest day' }).count()).resolves.toBe(0);
    await expect(overdue.isChecked()).resolves.toBe(true);
    await expect(overdue.getAttribute('aria-describedby')).resolves.toBeTruthy();
    const explanation = await overdue.evaluate(
      (element) => document.getElementById(element.getAttribute('aria-describedby') ?? '')?.textContent ?? '',
    );
    expect(explanation).toMatch(/day after an action you own passes its due date/);
    await card.screenshot({ path: `${SCREENSHOTS_DIR}/reminders-my-plan.png` });
    expect(await seriousViolations(frame)).toEqual([]);

    await overdue.click();
    await card.getByText('Saved: “An action of mine is overdue” is off.').waitFor();
    await expect(overdue.isChecked()).resolves.toBe(false);
    expect((await storedChoiceOf('ava')).preferences).toMatchObject({ actionOverdue: false, actionDueSoon: true });

    await page.reload();
    frame = await tabFrame(page, 'left');
    const reloaded = frame.getByTestId('reminders').getByRole('switch', { name: 'An action of mine is overdue' });
    await reloaded.waitFor();
    await expect(reloaded.isChecked()).resolves.toBe(false);
    await expect(
      frame.getByTestId('reminders').getByRole('switch', { name: 'An action of mine is due soon' }).isChecked(),
    ).resolves.toBe(true);
  }, 60_000);

  it('works from the keyboard alone, and keeps the focus on the switch it saved', async () => {
    const { page } = await e2e.openPreview({ left: 'chloe:myplan' });
    const frame = await tabFrame(page, 'left');
    const card = frame.getByTestId('reminders');
    const dueSoon = card.getByRole('switch', { name: 'An action of mine is due soon' });
    await dueSoon.waitFor();
    await dueSoon.focus();
    await page.keyboard.press('Space');
    await card.getByText('Saved: “An action of mine is due soon” is off.').waitFor();
    await expect(dueSoon.isChecked()).resolves.toBe(false);
    await expect.poll(() => dueSoon.evaluate((element) => element === document.activeElement)).toBe(true);
    // On to the next switch and back on with the keyboard.
    await page.keyboard.press('Tab');
    await expect(
      card
        .getByRole('switch', { name: 'An action of mine is overdue' })
        .evaluate((element) => element === document.activeElement),
    ).resolves.toBe(true);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Space');
    await card.getByText('Saved: “An action of mine is due soon” is on.').waitFor();
    expect((await storedChoiceOf('chloe')).preferences.actionDueSoon).toBe(true);
  }, 60_000);

  it('shows the manager the team’s reminders and the digest day in My team', async () => {
    const { page } = await e2e.openPreview({ left: 'morgan:team' });
    const frame = await tabFrame(page, 'left');
    await frame.getByRole('heading', { name: 'My team' }).waitFor();
    const card = frame.getByTestId('reminders');
    await card.getByRole('switch', { name: 'Weekly digest of my team' }).waitFor();
    await expect(card.getByRole('switch').count()).resolves.toBe(7);
    await expect(card.getByRole('heading', { name: 'About your team', level: 3 }).count()).resolves.toBe(1);
    const day = card.getByRole('combobox', { name: 'Digest day' });
    await expect(day.inputValue()).resolves.toBe('monday');
    await day.selectOption('friday');
    await card.getByText('Saved: the digest comes on Friday.').waitFor();
    expect((await storedChoiceOf('morgan')).preferences.digestDay).toBe('friday');
    // With the digest off, its day has nothing to choose.
    await card.getByRole('switch', { name: 'Weekly digest of my team' }).click();
    await card.getByText('Saved: “Weekly digest of my team” is off.').waitFor();
    await expect(day.isDisabled()).resolves.toBe(true);
    expect(await seriousViolations(frame)).toEqual([]);
    await card.screenshot({ path: `${SCREENSHOTS_DIR}/reminders-my-team.png` });
  }, 60_000);

  it('fits a narrow window and reads in the dark and high-contrast themes', async () => {
    for (const theme of ['dark', 'contrast'] as const) {
      const { page } = await e2e.openPreview({ left: 'morgan:team', theme });
      const frame = await tabFrame(page, 'left');
      const card = frame.getByTestId('reminders');
      await card.getByRole('switch', { name: 'Weekly digest of my team' }).waitFor();
      await expect.poll(() => frame.locator('[data-theme]').first().getAttribute('data-theme')).toBe(theme);
      expect(await seriousViolations(frame), theme).toEqual([]);
      await card.screenshot({ path: `${SCREENSHOTS_DIR}/reminders-my-team-${theme}.png` });
    }
    const { page } = await e2e.openPreview({ left: 'ava:myplan' });
    await setFrameWidth(page, 360);
    const frame = await tabFrame(page, 'left');
    await expect.poll(() => frame.evaluate(() => window.innerWidth)).toBeLessThanOrEqual(360);
    const card = frame.getByTestId('reminders');
    await card.getByRole('switch', { name: 'My confirmation is waiting' }).waitFor();
    expect(await sticksOut(frame)).toEqual([]);
    await card.screenshot({ path: `${SCREENSHOTS_DIR}/reminders-my-plan-360.png` });
  }, 90_000);
});
