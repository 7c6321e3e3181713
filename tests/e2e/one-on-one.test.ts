import type { Frame } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConversationViewSchema } from '../../functions/src/contract';
import { isolate } from '../support/browser';
import { clientFor, expectBody } from '../support/client';
import { agreeByBoth } from '../support/fixtures';
import { SCREENSHOTS_DIR, screenshotFrame, tabFrame, type PreviewOptions } from '../support/preview';
import { type TestStack } from '../support/stack';
import { openSection, seriousViolations, useBrowserAndStack } from './harness';
import { addActionAs, benOverdue, startConversation } from './room-support';

// One browser for the file; a fresh stack (empty storage) for every test, so that no test depends on what
const e2e = useBrowserAndStack();
let stack: TestStack;
beforeEach(() => {
  stack = e2e.stack;
});

const openPreview = (options: PreviewOptions) => e2e.openPreview(options);

/**
 * Chloe's plan after one agreed job-development conversation started by Morgan: one action for
 * Morgan, two for Chloe, agreed by both — what the whole 1:1 in the side panel leaves behind.
 */
async function chloeAgreedJobConversation(): Promise<void> {
  const base = await startConversation(stack, 'morgan', 'chloe', 'job');
  await addActionAs(stack, 'morgan', base, {
    title: 'Book the test automation course',
    owner: 'manager',
    learningKind: 'formal',
  });
  await addActionAs(stack, 'chloe', base, {
    title: 'Automate the billing smoke tests',
    owner: 'employee',
    learningKind: 'onTheJob',
  });
  await addActionAs(stack, 'chloe', base, {
    title: 'Ask Ben for feedback on my first test suite',
    owner: 'employee',
    learningKind: 'fromOthers',
  });
  await agreeByBoth(stack, base, 'chloe');
}

async function addTalkingPoint(frame: Frame, text: string): Promise<void> {
  await frame.getByRole('textbox', { name: 'New talking point' }).fill(text);
  await frame.getByRole('button', { name: 'Add talking point' }).click();
  await frame.getByText(text).waitFor();
}

async function addAction(frame: Frame, title: string, owner: 'employee' | 'manager', kind: string): Promise<void> {
  await frame.getByRole('button', { name: 'Add an action' }).click();
  await frame.getByRole('textbox', { name: /^Action/ }).fill(title);
  await frame.getByRole('radio', { name: owner === 'employee' ? /\(employee\)/ : /\(manager\)/ }).check();
  await frame.getByRole('combobox', { name: /^Kind of learning/ }).selectOption(kind);
  await frame.getByRole('button', { name: 'Add action' }).click();
  await frame.getByRole('button', { name: 'Add an action' }).waitFor();
  await frame.getByText(title).waitFor();
}

describe('the tab in the Teams host emulator', () => {
  it('holds a whole 1:1 from both sides: start, talking points, actions, the meter refusing, agree', async () => {
    const { page } = await openPreview({
      left: 'morgan:sidepanel',
      right: 'chloe:sidepanel',
      meeting: 'meeting-e2e-1',
      chat: 'chat-e2e',
    });
    const manager = await tabFrame(page, 'left');
    const employee = await tabFrame(page, 'right');

    // The manager starts a job-development conversation with Chloe.
    await manager.getByRole('heading', { name: 'Start a conversation' }).waitFor();
    await employee.getByRole('heading', { name: 'Start a conversation' }).waitFor();
    // Teams' side panel is 280 px wide and scrolls vertically only.
    const overflow = (frame: Frame) =>
      frame.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect([await overflow(manager), await overflow(employee)]).toEqual([0, 0]);
    await manager.getByLabel('With').selectOption({ label: 'Chloe Martin (your report)' });
    await manager.getByRole('radio', { name: 'Job development' }).check();
    await manager.getByRole('button', { name: /Start job development/ }).click();
    await manager.getByRole('heading', { name: 'Job development' }).waitFor();
    // The employee's panel picks it up without a reload.
    await employee.getByRole('heading', { name: 'Job development' }).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: `${SCREENSHOTS_DIR}/side-panel-both.png` });

    // Talking points from both; each sees the other's within a few seconds.
    await addTalkingPoint(employee, 'I would like to learn test automation');
    await addTalkingPoint(manager, 'The release checklist needs an owner');
    await openSection(employee, 'Talking points');
    await openSection(manager, 'Talking points');
    await employee.getByText('The release checklist needs an owner').waitFor({ timeout: 10_000 });
    await manager.getByText('I would like to learn test automation').waitFor({ timeout: 10_000 });
    await expect(manager.getByText('Added by Chloe Martin').count()).resolves.toBe(1);

    // Ticking an item shows on the other side.
    await manager.getByRole('checkbox', { name: /Which goals and objectives matter most/ }).check();
    await expect
      .poll(() => employee.getByRole('checkbox', { name: /Which goals and objectives matter most/ }).isChecked(), {
        timeout: 10_000,
      })
      .toBe(true);

    // Actions: the manager's first, then one for the employee — the meter refuses at 1/1.
    await addAction(manager, 'Book the test automation course', 'manager', 'formal');
    await addAction(employee, 'Automate the billing smoke tests', 'employee', 'onTheJob');
    const agreeButton = employee.getByRole('button', { name: 'Agree the plan' });
    await expect
      .poll(() => employee.getByTestId('ownership-status').textContent())
      .toMatch(/The employee needs one more action, or hand one over/);
    await expect(agreeButton.isDisabled()).resolves.toBe(true);
    await expect(
      employee.getByText('You can agree once the employee owns more actions than the manager.').isVisible(),
    ).resolves.toBe(true);
    await screenshotFrame(page, 'right', 'side-panel-meter-refusing.png');

    // One more for the employee: the rule holds and the employee agrees to what she sees.
    await addAction(employee, 'Ask Ben for feedback on my first test suite', 'employee', 'fromOthers');
    await expect.poll(() => agreeButton.isDisabled()).toBe(false);
    await agreeButton.click();
    await employee
      .getByTestId('agreed-employee')
      .getByText(/^You agreed at/)
      .waitFor();
    await employee.getByTestId('agreed-manager').getByText('Waiting for Morgan Lee').waitFor();
    // The manager sees her agreement live, and that it is his turn; the plan is not agreed by one person.
    await manager
      .getByTestId('agreed-employee')
      .getByText(/^Chloe Martin agreed at/)
      .waitFor({ timeout: 10_000 });
    await manager.getByTestId('agreed-manager').getByText('Waiting for you').waitFor();
    await expect(manager.getByText('In progress', { exact: true }).count()).resolves.toBe(1);
    await page.screenshot({ path: `${SCREENSHOTS_DIR}/side-panel-half-agreed.png` });

    // A change after she agreed withdraws her agreement, visibly: she is asked to agree again.
    await manager.getByRole('checkbox', { name: /What do you need to learn to reach them/ }).check();
    await employee
      .getByText('Morgan Lee ticked an agenda item after you agreed: have a look and agree again.')
      .waitFor({ timeout: 10_000 });
    await employee.getByTestId('agreed-employee').getByText('Agree again').waitFor();
    await screenshotFrame(page, 'right', 'side-panel-agree-again.png');

    // Both agree the same version, each from their own panel: now it is agreed, for both.
    await agreeButton.click();
    await employee
      .getByTestId('agreed-employee')
      .getByText(/^You agreed at/)
      .waitFor();
    await manager
      .getByTestId('agreed-employee')
      .getByText(/^Chloe Martin agreed at/)
      .waitFor({ timeout: 10_000 });
    await manager.getByRole('button', { name: 'Agree the plan' }).click();
    await manager.getByText('Agreed', { exact: true }).first().waitFor();
    await employee.getByText('Agreed', { exact: true }).first().waitFor({ timeout: 10_000 });
    await employee.getByTestId('agreed-on').waitFor();
    // The agreed plan is a record: each person moves only their own actions on.
    await employee.getByRole('button', { name: 'Mark done: Automate the billing smoke tests' }).waitFor();
    await expect(
      employee.getByRole('button', { name: 'Mark done: Book the test automation course' }).count(),
    ).resolves.toBe(0);
    await expect(employee.getByText('Morgan Lee moves this one on.').count()).resolves.toBe(1);
    await page.screenshot({ path: `${SCREENSHOTS_DIR}/side-panel-agreed.png` });
    expect([await overflow(manager), await overflow(employee)]).toEqual([0, 0]);

    // "Plan history" deep-links into the My plan tab, opened on Chloe's plan.
    // The emulator swaps the frame for the personal tab, as Teams switches tabs: take the new frame only once
    // the side panel's is gone, or the old one could be picked up.
    const switched = page.waitForEvent('framedetached', (frame) => frame === manager);
    await manager.getByRole('link', { name: 'Plan history' }).click();
    await switched;
    const history = await tabFrame(page, 'left');
    await history.getByRole('heading', { name: 'Chloe Martin’s plan' }).waitFor();
    await history.getByRole('list', { name: 'Actions' }).getByText('Automate the billing smoke tests').waitFor();
  }, 90_000);

  it('shows the history to the employee in the My plan tab', async () => {
    await chloeAgreedJobConversation();
    const { page: plan } = await openPreview({ left: 'chloe:myplan' });
    const frame = await tabFrame(plan, 'left');
    await frame.getByRole('heading', { name: 'My plan' }).waitFor();
    await frame.getByRole('list', { name: 'Actions' }).getByText('Automate the billing smoke tests').waitFor();
    await expect(frame.getByRole('heading', { name: 'Job development', level: 3 }).count()).resolves.toBe(1);
    await expect(frame.getByText('1 agreed conversation ·', { exact: false }).count()).resolves.toBe(1);
    // The record of that day: the first of its kind, with the actions it added and the balance it was agreed with.
    const changed = frame.getByTestId('what-changed');
    await expect(changed.textContent()).resolves.toMatch(/The first conversation of this kind/);
    await expect(changed.textContent()).resolves.toMatch(/New actions: Book the test automation course/);
    await expect(changed.textContent()).resolves.toMatch(/Ownership when agreed: employee 2, manager 1/);
    // Chloe moves her own actions on; Morgan's are his.
    await frame.getByRole('button', { name: 'Mark done: Automate the billing smoke tests' }).click();
    await frame.getByTestId('action-a2').getByText('Done', { exact: true }).waitFor();
    await expect(
      frame.getByRole('button', { name: 'Mark done: Book the test automation course' }).count(),
    ).resolves.toBe(0);
    await plan.screenshot({ path: `${SCREENSHOTS_DIR}/my-plan.png`, fullPage: true });
    expect(await seriousViolations(frame)).toEqual([]);

    // Download the plan to read, and see who changed it.
    const [download] = await Promise.all([
      plan.waitForEvent('download'),
      frame.getByRole('button', { name: 'Download to read (Markdown)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('career-plan-chloe-martin.md');
    await frame.getByRole('button', { name: 'Who changed my plan' }).click();
    await frame
      .getByRole('list', { name: 'Who changed my plan' })
      .getByText(/Morgan Lee started a conversation/)
      .waitFor();
  }, 60_000);

  it('shows the manager an overview of the team, with a link into each plan', async () => {
    // Chloe had her job-development conversation today; Ben's last was 210 days ago, so his is overdue.
    await chloeAgreedJobConversation();
    await benOverdue(stack);
    const { page: team } = await openPreview({ left: 'morgan:team' });
    const frame = await tabFrame(team, 'left');
    await frame.getByRole('heading', { name: 'My team' }).waitFor();
    const chloeRow = frame.getByTestId(`member-${stack.person('chloe').id}`);
    await expect.poll(() => chloeRow.textContent()).toMatch(/Today/);
    await expect(chloeRow.textContent()).resolves.toMatch(/2 theirs · 1 yours/);
    const benRow = frame.getByTestId(`member-${stack.person('ben').id}`);
    await expect(benRow.getByText('Overdue by 90 days').count()).resolves.toBe(1);
    await team.screenshot({ path: `${SCREENSHOTS_DIR}/my-team.png`, fullPage: true });
    expect(await seriousViolations(frame)).toEqual([]);
    await frame.getByRole('button', { name: 'Open plan of Chloe Martin' }).click();
    await frame.getByRole('heading', { name: 'Chloe Martin’s plan' }).waitFor();
    await expect(frame.getByText('Chloe Martin owns this plan; you can read it.').isVisible()).resolves.toBe(true);
  }, 60_000);

  it('follows the Teams theme live: light, dark and high contrast', async () => {
    await startConversation(stack, 'morgan', 'chloe', 'job', 'meeting-e2e-theme');
    const { page: themed } = await openPreview({ left: 'morgan:sidepanel', meeting: 'meeting-e2e-theme' });
    const frame = await tabFrame(themed, 'left');
    await frame.getByRole('heading', { name: 'Job development' }).waitFor();
    const background = () =>
      frame
        .locator('[data-theme]')
        .first()
        .evaluate((element) => getComputedStyle(element).backgroundColor);
    const light = await background();
    await themed.selectOption('#theme', 'dark');
    await expect.poll(() => frame.locator('[data-theme]').first().getAttribute('data-theme')).toBe('dark');
    const dark = await background();
    expect(dark).not.toBe(light);
    await themed.screenshot({ path: `${SCREENSHOTS_DIR}/side-panel-dark.png` });
    expect(await seriousViolations(frame)).toEqual([]);
    await themed.selectOption('#theme', 'contrast');
    await expect.poll(() => frame.locator('[data-theme]').first().getAttribute('data-theme')).toBe('contrast');
    expect(await background()).not.toBe(dark);
    expect(await seriousViolations(frame)).toEqual([]);
  }, 60_000);

  it('tells the person when the conversation changed under them instead of agreeing blindly', async () => {
    const { context, page: racing } = await openPreview({ left: 'ava:sidepanel', meeting: 'meeting-e2e-race' });
    const frame = await tabFrame(racing, 'left');
    await frame.getByRole('radio', { name: 'Career development' }).check();
    await frame.getByRole('button', { name: /Start career development/ }).click();
    await frame.getByRole('heading', { name: 'Career development' }).waitFor();
    await addAction(frame, 'Look at three openings two levels ahead', 'employee', '');
    expect(await seriousViolations(frame)).toEqual([]);
    await screenshotFrame(racing, 'left', 'side-panel-career.png');

    // Ava sees a plan she may agree: she owns one action, Morgan none.
    const agreeButton = frame.getByRole('button', { name: 'Agree the plan' });
    await expect.poll(() => agreeButton.isDisabled()).toBe(false);
    await expect(frame.getByTestId('ownership-status').textContent()).resolves.toMatch(
      /The employee owns more actions: it is their plan/,
    );

    // The race, made to happen every time: Ava's agree (sent with the version she saw) is held in the
    // browser until Morgan's action, added through the API, has landed; only then does it reach the API.
    const morgan = clientFor(stack, await stack.token('morgan'));
    const race: { managerWrite?: number; agree?: number; agreePath?: string } = {};
    await context.route('**/api/plans/*/conversations/*/agree', async (route) => {
      const path = new URL(route.request().url()).pathname.replace(/^\/api\//, '');
      race.agreePath = path;
      race.managerWrite = (
        await morgan.post(path.replace(/\/agree$/, '/actions'), {
          title: 'Introduce Ava to the platform lead',
          owner: 'manager',
        })
      ).status;
      const response = await route.fetch();
      race.agree = response.status();
      await route.fulfill({ response });
    });
    await agreeButton.click();

    // The stale agree is refused, Ava is told, and her panel shows the plan as it now is: 1 and 1, not agreeable.
    await frame.getByText(/The conversation changed while you were agreeing/).waitFor();
    expect(race).toMatchObject({ managerWrite: 201, agree: 412 });
    await expect
      .poll(() => frame.getByTestId('ownership-status').textContent())
      .toMatch(/The employee needs one more action/);
    await expect(agreeButton.isDisabled()).resolves.toBe(true);
    const after = expectBody(await morgan.get(race.agreePath!.replace(/\/agree$/, '')), 200, ConversationViewSchema);
    expect(after.conversation.status).toBe('draft');
    expect(after.actions.map((action) => action.title).sort()).toEqual([
      'Introduce Ava to the platform lead',
      'Look at three openings two levels ahead',
    ]);
  }, 60_000);
});

describe('adding the app to a meeting', () => {
  it('saves the side panel tab from the configuration page', async () => {
    const { page } = await openPreview({ left: 'morgan:config' });
    const frame = await tabFrame(page, 'left');
    await frame.getByRole('heading', { name: 'Career Conversations' }).waitFor();
    await page.getByRole('button', { name: 'Save (as Teams would)' }).click();
    await expect.poll(() => page.locator('output').first().textContent()).toMatch(/index\.html\?view=sidepanel$/);
    expect(await seriousViolations(frame)).toEqual([]);
  });
});

describe('when the API cannot be reached', () => {
  it('says so in place, instead of showing a blank panel', async () => {
    const { context, page } = await openPreview({ left: 'ava:sidepanel', meeting: 'meeting-offline' });
    await context.route('**/api/**', (route) => route.abort('connectionrefused'));
    await page.reload();
    const frame = await tabFrame(page, 'left');
    await frame
      .getByRole('alert')
      .getByText(/cannot reach its service/)
      .waitFor();
    await frame.getByRole('button', { name: 'Try again' }).waitFor();
  });
});

describe('outside Teams', () => {
  it('explains that the app runs inside Teams and points to the local preview', async () => {
    const context = await e2e.browser.newContext();
    e2e.track(context);
    await isolate(context);
    const page = await context.newPage();
    await page.goto(`${stack.url}/index.html`);
    await page.getByRole('heading', { name: 'Career Conversations runs inside Microsoft Teams' }).waitFor();
    await expect(page.getByRole('link', { name: 'local preview' }).getAttribute('href')).resolves.toBe('/preview.html');
  });
});
