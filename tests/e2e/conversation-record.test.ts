import type { Frame, Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  CareerPlanSchema,
  ConversationViewSchema,
  NudgePreferencesSchema,
  PlanViewSchema,
  PreparedPointsSchema,
  type PutCareerPlanRequest,
} from '../../functions/src/contract';
import { defaultNudgePreferences } from '../../functions/src/domain';
import { expectBody } from '../support/client';
import { agreeByBoth } from '../support/fixtures';
import { SCREENSHOTS_DIR, screenshotFrame, tabFrame, type PreviewOptions } from '../support/preview';
import { type TestStack } from '../support/stack';
import { sidewaysOverflow } from './fit';
import { openSection, seriousViolations, useBrowserAndStack } from './harness';
import { addActionAs, apiAs, focused, startConversation } from './room-support';

/**
 * What the pair writes down together in the side panel, and what they bring to it: shared notes
 * under agenda items, the career plan in the room, talking points prepared in My plan, actions
 * edited in place; and the panel's fit, keyboard path and high-contrast patterns.
 */

const e2e = useBrowserAndStack();
let stack: TestStack;
beforeEach(() => {
  stack = e2e.stack;
});

const openPreview = (options: PreviewOptions) => e2e.openPreview(options);

async function writeCareerPlan(employee: string, body: PutCareerPlanRequest): Promise<void> {
  expectBody(
    await (await apiAs(stack, employee)).put(`plans/${stack.person(employee).id}/career-plan`, body),
    200,
    CareerPlanSchema,
  );
}

/** Sets the height of a side-panel frame, as a short Teams window would. */
async function setFrameHeight(page: Page, side: 'left' | 'right', height: number): Promise<void> {
  await page.waitForSelector(`iframe[name="tab-${side}"]`);
  await page.evaluate(
    ({ side, height }) => {
      const frame = document.querySelector<HTMLIFrameElement>(`iframe[name="tab-${side}"]`);
      if (!frame) throw new Error('no frame');
      frame.style.minHeight = '0';
      frame.style.height = `${height}px`;
    },
    { side, height },
  );
}

describe('writing the conversation down together', () => {
  it('shares the notes both people write under an agenda item, in the draft and in the agreed record', async () => {
    const base = await startConversation(stack, 'morgan', 'chloe', 'job', 'meeting-notes');
    const { page } = await openPreview({
      left: 'morgan:sidepanel',
      right: 'chloe:sidepanel',
      meeting: 'meeting-notes',
    });
    const manager = await tabFrame(page, 'left');
    const employee = await tabFrame(page, 'right');
    await manager.getByRole('heading', { name: 'Job development' }).waitFor();
    await employee.getByRole('heading', { name: 'Job development' }).waitFor();
    const item = /Which goals and objectives matter most/;

    // Chloe writes her note, over two lines; the counter shows how much room is left before she saves.
    await employee.getByRole('button', { name: /^Add a note: Which goals and objectives/ }).click();
    const box = employee.getByRole('textbox', { name: /Shared note — you both see it/ });
    await expect.poll(() => focused(employee)).toBe('note-box-goals-objectives');
    const chloeText = 'Ship the billing revamp\nand learn test automation on the way';
    await box.fill(chloeText);
    await employee.getByText(`${chloeText.length} / 1000`).waitFor();
    await employee.getByRole('button', { name: 'Save note' }).click();
    const chloeNotes = employee.getByTestId('notes-goals.objectives');
    await chloeNotes
      .getByTestId('note-employee')
      .getByText(/^You · /)
      .waitFor();
    // Back where she started: on the note's own button, now "Edit my note".
    await expect.poll(() => focused(employee)).toBe('note-button-goals-objectives');
    await expect(employee.getByRole('button', { name: /^Edit my note: / }).count()).resolves.toBe(1);

    // Morgan sees it live, read-only, and writes his own beside it.
    const morganNotes = manager.getByTestId('notes-goals.objectives');
    await morganNotes
      .getByTestId('note-employee')
      .getByText(/^Chloe Martin · /)
      .waitFor({ timeout: 10_000 });
    await expect(morganNotes.getByTestId('note-employee').innerText()).resolves.toContain(
      'Ship the billing revamp\nand learn test automation on the way',
    );
    await manager.getByRole('button', { name: /^Add a note: Which goals and objectives/ }).click();
    await manager.getByRole('textbox', { name: /Shared note/ }).fill('Billing first; the course can wait a month.');
    await manager.getByRole('textbox', { name: /Shared note/ }).press('Control+Enter');
    await morganNotes
      .getByTestId('note-manager')
      .getByText(/^You · /)
      .waitFor();
    await chloeNotes
      .getByTestId('note-manager')
      .getByText(/^Morgan Lee · /)
      .waitFor({ timeout: 10_000 });
    await chloeNotes.getByText('Billing first; the course can wait a month.').waitFor();
    // Each edits only their own: Chloe has no way to change Morgan's note.
    await expect(chloeNotes.getByRole('button').count()).resolves.toBe(1);

    await page.screenshot({ path: `${SCREENSHOTS_DIR}/side-panel-notes-both.png` });
    await screenshotFrame(page, 'right', 'side-panel-notes.png');
    expect(await seriousViolations(employee)).toEqual([]);
    // Private notes stay apart, and say so: the note opens in place under the agenda, says it was saved, and
    // closing it brings the focus back to its button.
    await employee.getByRole('button', { name: 'Private note — only you see it' }).click();
    const privateBox = employee.getByRole('textbox', { name: /^Private note — only you see it/ });
    await expect.poll(() => employee.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await employee.getByRole('heading', { name: 'Agenda' }).waitFor();
    await privateBox.fill('Ask HR about the course budget.');
    await employee.getByText('31 / 4000').waitFor();
    await screenshotFrame(page, 'right', 'side-panel-private-note.png');
    await employee.getByTestId('private-note').getByRole('button', { name: 'Save note' }).click();
    await employee
      .getByTestId('private-note-saved')
      .getByText(/^Saved at /)
      .waitFor();
    await expect.poll(() => focused(employee)).toBe('Save note');
    await employee.getByTestId('private-note').getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => focused(employee)).toBe('private-note-button');
    await expect(manager.getByText('Ask HR about the course budget.').count()).resolves.toBe(0);

    // A talking point added by keyboard leaves the focus in the box, ready for the next one.
    await employee.getByRole('textbox', { name: 'New talking point' }).fill('The on-call rota');
    await employee.getByText('16 / 280').waitFor();
    await employee.getByRole('textbox', { name: 'New talking point' }).press('Enter');
    // The point shows in its section, opened for it.
    await employee.getByText('The on-call rota').waitFor();
    await expect
      .poll(() => employee.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value ?? '(none)'))
      .toBe('');
    await expect(employee.evaluate(() => document.activeElement?.tagName)).resolves.toBe('INPUT');

    // Agreed, the notes stay in the record, read-only, for both.
    await addActionAs(stack, 'chloe', base, {
      title: 'Pair with Ben on billing',
      owner: 'employee',
      learningKind: 'onTheJob',
    });
    await agreeByBoth(stack, base, 'chloe');
    await employee.getByTestId('agreed-on').waitFor({ timeout: 10_000 });
    await manager.getByTestId('agreed-on').waitFor({ timeout: 10_000 });
    await openSection(employee, "This year's goals");
    await chloeNotes.getByText('Billing first; the course can wait a month.').waitFor();
    await expect(chloeNotes.getByTestId('note-employee').innerText()).resolves.toContain('Ship the billing revamp');
    await expect(employee.getByRole('button', { name: /note:/ }).count()).resolves.toBe(0);
    await expect(employee.getByRole('checkbox', { name: item }).count()).resolves.toBe(0);
    await screenshotFrame(page, 'right', 'side-panel-notes-agreed.png');
  }, 90_000);

  it('shows the career plan in the career conversation: the employee edits it, the manager sees it live', async () => {
    await startConversation(stack, 'ava', 'ava', 'career', 'meeting-career');
    const { page } = await openPreview({
      left: 'morgan:sidepanel',
      right: 'ava:sidepanel',
      meeting: 'meeting-career',
      theme: 'dark',
    });
    const manager = await tabFrame(page, 'left');
    const employee = await tabFrame(page, 'right');
    await manager.getByRole('heading', { name: 'Career development' }).waitFor();
    await employee.getByRole('heading', { name: 'Career development' }).waitFor();
    await openSection(employee, 'Where you want to go');
    await openSection(manager, 'Where you want to go');

    // The plan shows in a few lines; Ava opens it to pick a direction (one line each, what each means on
    // demand and read with each choice, none above another) and names a scenario.
    const direction = employee.getByTestId('room-direction-plan');
    await direction.getByText('Not chosen yet').waitFor();
    await direction.getByRole('button', { name: 'Change direction' }).click();
    const radios = direction.getByRole('radio');
    await expect(radios.count()).resolves.toBe(5);
    const sideways = direction.getByRole('radio', { name: 'Move sideways to pick up new skills' });
    await expect(sideways.getAttribute('aria-describedby')).resolves.toBe('room-direction-help-moveSideways');
    await sideways.check();
    await direction.getByText('Not saved yet').waitFor();
    await direction.getByRole('textbox', { name: /Career scenario/ }).fill('Product owner for payments');
    await direction.getByText('26 / 120').waitFor();
    await direction.getByRole('button', { name: 'Save direction' }).click();
    await direction.getByText(/^Saved at \d/).waitFor();
    // Saved, the plan folds back to its few lines, with the keyboard on the button that opened it.
    await direction.getByText('Move sideways to pick up new skills').waitFor();
    await expect.poll(() => focused(employee)).toBe('room-direction-edit');

    // And three focus areas, in the section that asks for them.
    await openSection(employee, 'Focus areas');
    const focus = employee.getByTestId('room-focus-plan');
    await focus.getByRole('button', { name: 'Change focus areas' }).click();
    await focus.getByRole('textbox', { name: /^Focus area 1/ }).fill('Product discovery');
    await focus.getByRole('textbox', { name: /^Focus area 2/ }).fill('Stakeholder management');
    await focus.getByRole('textbox', { name: /^Focus area 3/ }).fill('Payments domain');
    await focus.getByRole('button', { name: 'Save focus areas' }).click();
    await focus.getByText(/^Saved at \d/).waitFor();
    // The direction saved before stays as it was.
    await direction.getByText('Move sideways to pick up new skills').waitFor();

    // Morgan reads it as it changes, without reloading, and cannot edit it.
    const seen = manager.getByTestId('room-direction-plan');
    await seen.getByText('Move sideways to pick up new skills').waitFor({ timeout: 10_000 });
    await seen.getByText('Product owner for payments').waitFor();
    await expect(seen.getByRole('radio').count()).resolves.toBe(0);
    await openSection(manager, 'Focus areas');
    await manager.getByTestId('room-focus-plan').getByText('Stakeholder management').waitFor({ timeout: 10_000 });
    await expect(manager.getByTestId('room-focus-plan').getByRole('textbox').count()).resolves.toBe(0);
    expect([await sidewaysOverflow(manager), await sidewaysOverflow(employee)]).toEqual([[], []]);
    expect([await seriousViolations(manager), await seriousViolations(employee)]).toEqual([[], []]);
    await page.screenshot({ path: `${SCREENSHOTS_DIR}/side-panel-career-plan-dark.png` });
    await employee.getByTestId('room-direction-plan').scrollIntoViewIfNeeded();
    await screenshotFrame(page, 'right', 'side-panel-career-plan-employee.png');
    await manager.getByTestId('room-direction-plan').scrollIntoViewIfNeeded();
    await screenshotFrame(page, 'left', 'side-panel-career-plan-manager.png');

    // The plan is the same one My plan shows.
    const plan = expectBody(
      await (await apiAs(stack, 'morgan')).get(`plans/${stack.person('ava').id}`),
      200,
      PlanViewSchema,
    );
    expect(plan.careerPlan).toMatchObject({
      aspiration: 'moveSideways',
      focusAreas: ['Product discovery', 'Stakeholder management', 'Payments domain'],
    });
  }, 90_000);

  it('brings a talking point prepared in My plan into the next conversation, marked as prepared', async () => {
    // Last time's agreed conversation left three open actions, which the next job talk reviews.
    const earlier = await startConversation(stack, 'morgan', 'chloe', 'job');
    await addActionAs(stack, 'morgan', earlier, {
      title: 'Book the course',
      owner: 'manager',
      learningKind: 'formal',
    });
    await addActionAs(stack, 'chloe', earlier, {
      title: 'Automate smoke tests',
      owner: 'employee',
      learningKind: 'onTheJob',
    });
    await addActionAs(stack, 'chloe', earlier, {
      title: 'Ask Ben for feedback',
      owner: 'employee',
      learningKind: 'fromOthers',
    });
    await agreeByBoth(stack, earlier, 'chloe');
    // Morgan prepared one for either kind of conversation.
    expectBody(
      await (
        await apiAs(stack, 'morgan')
      ).post(`plans/${stack.person('chloe').id}/prepared`, { text: 'How the release went' }),
      201,
      PreparedPointsSchema,
    );

    // Chloe prepares hers in My plan, for job development.
    const { page: planPage } = await openPreview({ left: 'chloe:myplan' });
    const plan = await tabFrame(planPage, 'left');
    const card = plan.getByTestId('prepare');
    await card.getByRole('heading', { name: 'Prepare for your next conversation' }).waitFor();
    await card.getByRole('radio', { name: 'Job development' }).check();
    await card.getByRole('textbox', { name: /^Talking point/ }).fill('I would like to own the release checklist');
    await card.getByText('41 / 280').waitFor();
    await card.getByRole('button', { name: 'Add talking point' }).click();
    const list = card.getByRole('list', { name: 'Prepared talking points' });
    await list.getByText('I would like to own the release checklist').waitFor();
    await card.getByText('Talking point added', { exact: true }).waitFor();
    // Ready for the next one, and only her own point can she take away.
    await expect(plan.evaluate(() => (document.activeElement as HTMLInputElement | null)?.placeholder)).resolves.toBe(
      'What do you want to bring up?',
    );
    await expect(list.getByText(/^Morgan Lee · /).count()).resolves.toBe(1);
    await expect(list.getByText(/^You · /).count()).resolves.toBe(1);
    await expect(list.getByRole('button', { name: /^Remove: / }).count()).resolves.toBe(1);
    await setFrameHeight(planPage, 'left', 2000);
    await planPage.screenshot({ path: `${SCREENSHOTS_DIR}/my-plan-prepare.png`, fullPage: true });

    // On the start screen the pair sees what the conversation will open with.
    const { page } = await openPreview({ left: 'morgan:sidepanel', right: 'chloe:sidepanel', meeting: 'meeting-prep' });
    const manager = await tabFrame(page, 'left');
    const employee = await tabFrame(page, 'right');
    await manager.getByLabel('With').selectOption({ label: 'Chloe Martin (your report)' });
    await manager.getByRole('radio', { name: 'Job development' }).check();
    const expected = manager.getByTestId('what-to-expect');
    await expected.getByText('3 open actions from last time come up for review.').waitFor();
    await expected.getByText('I would like to own the release checklist').waitFor();
    await expected.getByText('Prepared by Chloe Martin').waitFor();
    await expected.getByText('Prepared by you').waitFor();
    // A point prepared for job development does not come to a career talk.
    await manager.getByRole('radio', { name: 'Career development' }).check();
    await expected.getByText('No open actions to review from earlier conversations of this kind.').waitFor();
    await expect(expected.getByText('I would like to own the release checklist').count()).resolves.toBe(0);
    await manager.getByRole('radio', { name: 'Job development' }).check();
    await expected.getByText('I would like to own the release checklist').waitFor();
    await employee.getByTestId('what-to-expect').getByText('Prepared by you').waitFor();
    expect(await sidewaysOverflow(manager)).toEqual([]);
    expect(await seriousViolations(manager)).toEqual([]);
    await screenshotFrame(page, 'left', 'side-panel-start.png');

    await manager.getByRole('button', { name: /Start job development/ }).click();
    await employee.getByRole('heading', { name: 'Job development' }).waitFor({ timeout: 10_000 });
    await openSection(employee, 'Talking points');
    const prepared = employee.getByRole('listitem').filter({ hasText: 'I would like to own the release checklist' });
    await prepared.getByText('Prepared by you').waitFor();
    await openSection(manager, 'Talking points');
    await manager
      .getByRole('listitem')
      .filter({ hasText: 'I would like to own the release checklist' })
      .getByText('Prepared by Chloe Martin')
      .waitFor();
    await manager
      .getByRole('listitem')
      .filter({ hasText: 'How the release went' })
      .getByText('Prepared by you')
      .waitFor();
    // The three open actions are up for review.
    await expect(employee.locator('[data-testid^="review-"]').count()).resolves.toBe(3);
  }, 90_000);

  it('keeps the career plan in My plan: saved with a confirmation, actions by focus area, deletion confirmed', async () => {
    // Chloe turned one reminder off: her choice, which deleting her plan keeps unless she asks.
    const chloeApi = await apiAs(stack, 'chloe');
    const quieter = { ...defaultNudgePreferences(), actionOverdue: false };
    expectBody(await chloeApi.put('me/nudges', quieter), 200, NudgePreferencesSchema);
    await writeCareerPlan('chloe', {
      aspiration: 'growInRole',
      focusAreas: ['Test automation', 'Release quality'],
      careerScenario: null,
    });
    const base = await startConversation(stack, 'morgan', 'chloe', 'job');
    await addActionAs(stack, 'morgan', base, {
      title: 'Book the course',
      owner: 'manager',
      learningKind: 'formal',
      focusArea: 'Test automation',
    });
    await addActionAs(stack, 'chloe', base, {
      title: 'Automate the smoke tests',
      owner: 'employee',
      learningKind: 'onTheJob',
      focusArea: 'Test automation',
    });
    await addActionAs(stack, 'chloe', base, {
      title: 'Ask Ben for feedback',
      owner: 'employee',
      learningKind: 'fromOthers',
    });
    await agreeByBoth(stack, base, 'chloe');

    const { page } = await openPreview({ left: 'chloe:myplan' });
    const frame = await tabFrame(page, 'left');
    await frame.getByRole('heading', { name: 'My plan' }).waitFor();
    const byArea = frame.getByTestId('by-focus-area');
    const automation = byArea.getByRole('list', { name: 'Actions serving Test automation' });
    await automation.getByText('Book the course').waitFor();
    await automation.getByText('Automate the smoke tests').waitFor();
    await expect(byArea.getByText('Ask Ben for feedback').count()).resolves.toBe(0);
    await byArea.getByText('No action serves this area yet.').waitFor();

    // Chloe changes her direction and adds a third focus area; the save says when it happened.
    const plan = frame.getByTestId('my-plan-plan');
    await plan.getByRole('radio', { name: 'Still exploring' }).check();
    await plan.getByRole('textbox', { name: /^Focus area 3/ }).fill('Public speaking skills');
    await plan.getByText('22 / 80').waitFor();
    await plan.getByRole('button', { name: 'Save my career plan' }).click();
    await plan.getByText(/^Saved at \d/).waitFor();
    await byArea.getByRole('heading', { name: 'Public speaking skills' }).waitFor();
    expect(await seriousViolations(frame)).toEqual([]);
    await setFrameHeight(page, 'left', 2400);
    await page.screenshot({ path: `${SCREENSHOTS_DIR}/my-plan-by-focus-area.png`, fullPage: true });
    await setFrameHeight(page, 'left', 720);

    // Deleting closes the dialog and says what happened; the choice of reminders stays unless she ticks the box.
    const overdueSwitch = frame.getByTestId('reminders').getByRole('switch', { name: /An action of mine is overdue/ });
    await expect.poll(() => overdueSwitch.isChecked()).toBe(false);
    await frame.getByRole('button', { name: 'Delete my plan…' }).click();
    const dialog = frame.getByRole('dialog', { name: 'Delete your whole plan?' });
    await dialog.waitFor();
    const alsoSettings = dialog.getByRole('checkbox', { name: 'Also delete my choice of reminders' });
    await expect(alsoSettings.isChecked()).resolves.toBe(false);
    expect(await seriousViolations(frame)).toEqual([]);
    await dialog.getByRole('button', { name: 'Delete everything' }).click();
    await dialog.waitFor({ state: 'detached' });
    await frame
      .getByTestId('data-status')
      .getByText(/^Your plan is deleted.*Your choice of reminders is kept/)
      .waitFor();
    await expect.poll(() => plan.getByRole('textbox', { name: /^Focus area 1/ }).inputValue()).toBe('');
    await expect(frame.getByTestId('by-focus-area').count()).resolves.toBe(0);
    await expect(overdueSwitch.isChecked()).resolves.toBe(false);
    expect(expectBody(await chloeApi.get('me/nudges'), 200, NudgePreferencesSchema).preferences).toEqual(quieter);

    // Once more, with the box ticked: the choice goes too, and the card shows the defaults again.
    await frame.getByRole('button', { name: 'Delete my plan…' }).click();
    await dialog.waitFor();
    await expect(alsoSettings.isChecked()).resolves.toBe(false);
    await alsoSettings.check();
    await dialog.getByRole('button', { name: 'Delete everything' }).click();
    await dialog.waitFor({ state: 'detached' });
    await frame
      .getByTestId('data-status')
      .getByText(/Your choice of reminders is deleted too/)
      .waitFor();
    await expect.poll(() => overdueSwitch.isChecked()).toBe(true);
    expect(expectBody(await chloeApi.get('me/nudges'), 200, NudgePreferencesSchema)).toEqual({
      preferences: defaultNudgePreferences(),
      etag: null,
    });
  }, 60_000);

  it('edits an action in place and hands it over, and the ownership refusal goes away', async () => {
    await writeCareerPlan('chloe', {
      aspiration: 'growInRole',
      focusAreas: ['Test automation', 'Release quality'],
      careerScenario: null,
    });
    const base = await startConversation(stack, 'morgan', 'chloe', 'job', 'meeting-edit');
    await addActionAs(stack, 'chloe', base, {
      title: 'Automate the smoke tests',
      owner: 'employee',
      learningKind: 'onTheJob',
    });
    const { page } = await openPreview({ left: 'morgan:sidepanel', right: 'chloe:sidepanel', meeting: 'meeting-edit' });
    const manager = await tabFrame(page, 'left');
    const employee = await tabFrame(page, 'right');
    await manager.getByRole('heading', { name: 'Job development' }).waitFor();

    // The focus areas open the job-development talk.
    const chips = manager.getByTestId('focus-areas');
    await chips.getByText('Test automation').waitFor();
    await chips.getByText('Release quality').waitFor();

    // Morgan captures an action for himself, serving a focus area; focus comes back to "Add an action".
    await manager.getByRole('button', { name: 'Add an action' }).click();
    await expect.poll(() => manager.evaluate(() => document.activeElement?.tagName)).toBe('INPUT');
    await manager.getByRole('textbox', { name: /^Action/ }).fill('Book the course');
    await manager.getByText('15 / 200').waitFor();
    await manager.getByRole('radio', { name: /\(manager\)/ }).check();
    await manager.getByRole('combobox', { name: /^Kind of learning/ }).selectOption('formal');
    await manager.getByRole('combobox', { name: /^Serves focus area/ }).selectOption('Test automation');
    await manager.getByRole('button', { name: 'Add action' }).click();
    await manager.getByRole('button', { name: 'Add an action' }).waitFor();
    await expect.poll(() => focused(manager)).toBe('add-action-button');

    // One each: the rule refuses, and the refusal says how to fix it.
    await expect
      .poll(() => employee.getByTestId('ownership-status').textContent(), { timeout: 10_000 })
      .toMatch(/The employee needs one more action, or hand one over/);
    await employee.getByText('Serves: Test automation').waitFor();

    // Chloe edits Morgan's action in place: a clearer title, a due date, the other focus area.
    await employee.getByRole('button', { name: 'Edit: Book the course' }).click();
    const form = employee.getByRole('form', { name: 'Edit the action' });
    await expect(form.getByRole('textbox', { name: /^Action/ }).inputValue()).resolves.toBe('Book the course');
    await expect(form.getByRole('combobox', { name: /^Serves focus area/ }).inputValue()).resolves.toBe(
      'Test automation',
    );
    await form.getByRole('textbox', { name: /^Action/ }).fill('Book the test automation course');
    await form.getByLabel('Due date').fill('2026-12-31');
    await form.getByRole('combobox', { name: /^Serves focus area/ }).selectOption('Release quality');
    expect(await seriousViolations(employee)).toEqual([]);
    await screenshotFrame(page, 'right', 'side-panel-edit-action.png');
    await form.getByRole('button', { name: 'Save changes' }).click();
    const edited = employee.getByRole('listitem').filter({ hasText: 'Book the test automation course' });
    await edited.getByText('Serves: Release quality').waitFor();
    // Dates read in the locale Teams gives (the preview's is en-GB).
    await edited.getByText('Due 31 Dec 2026').waitFor();
    await expect.poll(() => focused(employee)).toMatch(/^edit-\d+[a-z0-9]+-a2$/);
    await manager
      .getByRole('listitem')
      .filter({ hasText: 'Book the test automation course' })
      .getByText('Serves: Release quality')
      .waitFor({ timeout: 10_000 });

    // One click hands it over: now Chloe owns both, and both may agree.
    await employee.getByRole('button', { name: 'Hand over to Chloe Martin: Book the test automation course' }).click();
    await expect
      .poll(() => employee.getByTestId('ownership-status').textContent())
      .toMatch(/The employee owns more actions: it is their plan/);
    await expect.poll(() => employee.getByRole('button', { name: 'Agree the plan' }).isEnabled()).toBe(true);
    await expect
      .poll(() => manager.getByRole('button', { name: 'Agree the plan' }).isEnabled(), { timeout: 10_000 })
      .toBe(true);
    await screenshotFrame(page, 'right', 'side-panel-actions.png');
  }, 90_000);
});

describe('the panel fits Teams', () => {
  it('keeps the footer short in a 600-px panel and nothing pokes out sideways at 280 px', async () => {
    const longWord = 'Supercalifragilisticexpialidocious-observability-platform-migration';
    await writeCareerPlan('chloe', {
      aspiration: 'moveUp',
      focusAreas: ['Observability-and-incident-response-for-the-whole-payments-platform-estate', 'Test automation'],
      careerScenario: null,
    });
    const base = await startConversation(stack, 'morgan', 'chloe', 'job', 'meeting-fit');
    await addActionAs(stack, 'morgan', base, {
      title: `Sponsor the ${longWord} and find a mentor for it in another department`,
      owner: 'manager',
      learningKind: 'fromOthers',
      focusArea: 'Observability-and-incident-response-for-the-whole-payments-platform-estate',
    });
    await addActionAs(stack, 'chloe', base, {
      title: 'Automate the smoke tests',
      owner: 'employee',
      learningKind: 'onTheJob',
    });
    const chloe = await apiAs(stack, 'chloe');
    const view = expectBody(await chloe.get(base), 200, ConversationViewSchema);
    expect(
      (
        await chloe.patch(
          `${base}/agenda/goals.objectives`,
          { note: `${longWord}\n${'A long note that goes on. '.repeat(20)}` },
          { ifMatch: view.conversation.etag },
        )
      ).status,
    ).toBe(200);

    const { page } = await openPreview({ left: 'morgan:sidepanel', right: 'chloe:sidepanel', meeting: 'meeting-fit' });
    await setFrameHeight(page, 'left', 600);
    await setFrameHeight(page, 'right', 600);
    const manager = await tabFrame(page, 'left');
    const employee = await tabFrame(page, 'right');
    for (const frame of [manager, employee]) {
      await frame.getByRole('heading', { name: 'Job development' }).waitFor();
      await expect.poll(() => frame.evaluate(() => window.innerHeight)).toBe(600);
      // Every section open, every form that can be open at once.
      const closed = frame.locator('details:not([open]) > summary');
      while ((await closed.count()) > 0) await closed.first().click();
      await frame.getByText(longWord, { exact: false }).first().waitFor();
    }
    // The refusing state has the longest footer text.
    await expect(employee.getByTestId('ownership-status').textContent()).resolves.toMatch(/hand one over/);
    for (const frame of [manager, employee]) {
      const footer = await frame.locator('#agree').boundingBox();
      expect(footer?.height).toBeLessThanOrEqual(150);
      expect(await sidewaysOverflow(frame)).toEqual([]);
    }
    await employee.getByRole('button', { name: /^Add a note: What do you need to learn/ }).click();
    await employee.getByRole('textbox', { name: /Shared note/ }).fill(longWord.repeat(3));
    expect(await sidewaysOverflow(employee)).toEqual([]);
    await screenshotFrame(page, 'right', 'side-panel-600.png');

    // The same in the action form, with the longest focus area in its list.
    await manager.getByRole('button', { name: 'Add an action' }).click();
    await manager.getByRole('textbox', { name: /^Action/ }).fill(longWord.repeat(4));
    await manager.getByText(/^\d+ characters too many: keep it to 200\.$/).waitFor();
    await expect(manager.getByRole('button', { name: 'Add action' }).isDisabled()).resolves.toBe(true);
    expect(await sidewaysOverflow(manager)).toEqual([]);
    await screenshotFrame(page, 'left', 'side-panel-form-too-long.png');
  }, 90_000);

  it('takes a keyboard from the top of the panel to Agree through the skip link', async () => {
    const base = await startConversation(stack, 'morgan', 'chloe', 'job', 'meeting-keys');
    await addActionAs(stack, 'chloe', base, {
      title: 'Automate the smoke tests',
      owner: 'employee',
      learningKind: 'onTheJob',
    });
    const { page } = await openPreview({ left: 'chloe:sidepanel', meeting: 'meeting-keys' });
    const frame = await tabFrame(page, 'left');
    await frame.getByRole('heading', { name: 'Job development' }).waitFor();
    // From the top of the panel: the first Tab lands on the skip link, which shows itself with a ring.
    await frame.locator('body').evaluate((body) => {
      body.tabIndex = -1;
      body.focus();
      body.removeAttribute('tabindex');
    });
    await page.keyboard.press('Tab');
    await expect.poll(() => focused(frame)).toBe('Skip to agreeing');
    const skip = frame.getByRole('link', { name: 'Skip to agreeing' });
    const box = await skip.boundingBox();
    expect(box?.x).toBeGreaterThanOrEqual(0);
    expect(box?.width).toBeGreaterThan(20);
    await expect(skip.evaluate((link) => getComputedStyle(link).outlineStyle)).resolves.not.toBe('none');
    await screenshotFrame(page, 'left', 'side-panel-skip-link.png');
    // Enter jumps to the agreement footer; the next Tab reaches Agree.
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(frame)).toBe('agree');
    await page.keyboard.press('Tab');
    await expect.poll(() => focused(frame)).toBe('agree-button');
    // Agree has a visible focus ring too.
    await expect(
      frame.getByRole('button', { name: 'Agree the plan' }).evaluate((button) => {
        const style = getComputedStyle(button);
        return (
          button.hasAttribute('data-fui-focus-visible') || style.outlineStyle !== 'none' || style.boxShadow !== 'none'
        );
      }),
    ).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await frame
      .getByTestId('agreed-employee')
      .getByText(/^You agreed at/)
      .waitFor();
  }, 60_000);

  it('keeps the two owners and the three kinds of learning apart in the high-contrast theme', async () => {
    const base = await startConversation(stack, 'morgan', 'chloe', 'job', 'meeting-contrast');
    await addActionAs(stack, 'morgan', base, { title: 'Book the course', owner: 'manager', learningKind: 'formal' });
    await addActionAs(stack, 'chloe', base, {
      title: 'Automate the smoke tests',
      owner: 'employee',
      learningKind: 'onTheJob',
    });
    await addActionAs(stack, 'chloe', base, {
      title: 'Ask Ben for feedback',
      owner: 'employee',
      learningKind: 'fromOthers',
    });
    const { page } = await openPreview({ left: 'chloe:sidepanel', meeting: 'meeting-contrast', theme: 'contrast' });
    const frame = await tabFrame(page, 'left');
    await frame.getByRole('heading', { name: 'Job development' }).waitFor();
    await expect.poll(() => frame.locator('[data-theme]').first().getAttribute('data-theme')).toBe('contrast');
    const paint = (locator: ReturnType<Frame['locator']>) =>
      locator.evaluate((element) => {
        const style = getComputedStyle(element);
        return `${style.backgroundColor} | ${style.backgroundImage}`;
      });
    const meter = frame.locator('#agree [role="meter"]');
    const employeePaint = await paint(meter.locator('[data-segment="employee"]'));
    const managerPaint = await paint(meter.locator('[data-segment="manager"]'));
    expect(employeePaint).not.toBe(managerPaint);
    await screenshotFrame(page, 'left', 'side-panel-contrast.png');

    await agreeByBoth(stack, base, 'chloe');
    const { page: planPage } = await openPreview({ left: 'chloe:myplan', theme: 'contrast' });
    const plan = await tabFrame(planPage, 'left');
    await plan.getByRole('heading', { name: 'My plan' }).waitFor();
    const kinds = await Promise.all(
      ['formal', 'fromOthers', 'onTheJob'].map((kind) => paint(plan.locator(`[data-segment="${kind}"]`).first())),
    );
    expect(new Set(kinds).size).toBe(3);
    await setFrameHeight(planPage, 'left', 2000);
    await planPage.screenshot({ path: `${SCREENSHOTS_DIR}/my-plan-contrast.png`, fullPage: true });
  }, 60_000);

  it('keeps the badges of My team inside their cells at 700 px', async () => {
    // Chloe's plan leans on Morgan once she is done with one of hers: one open action each.
    const base = await startConversation(stack, 'morgan', 'chloe', 'job');
    await addActionAs(stack, 'morgan', base, { title: 'Book the course', owner: 'manager', learningKind: 'formal' });
    await addActionAs(stack, 'chloe', base, {
      title: 'Automate the smoke tests',
      owner: 'employee',
      learningKind: 'onTheJob',
    });
    await addActionAs(stack, 'chloe', base, {
      title: 'Ask Ben for feedback',
      owner: 'employee',
      learningKind: 'fromOthers',
    });
    const agreed = await agreeByBoth(stack, base, 'chloe');
    const done = agreed.actions.find((action) => action.title === 'Ask Ben for feedback')!;
    expect(
      (
        await (
          await apiAs(stack, 'chloe')
        ).patch(`${base}/actions/${done.id}`, { status: 'done' }, { ifMatch: done.etag })
      ).status,
    ).toBe(200);
    // And a career conversation in progress.
    await startConversation(stack, 'chloe', 'chloe', 'career');
    const { page } = await openPreview({ left: 'morgan:team' });
    await page.waitForSelector('iframe[name="tab-left"]');
    await page.evaluate(() => {
      const frame = document.querySelector<HTMLIFrameElement>('iframe[name="tab-left"]');
      if (frame) frame.style.width = '700px';
      const stage = frame?.closest<HTMLElement>('.stage');
      if (stage) stage.style.flex = '0 0 auto';
    });
    const frame = await tabFrame(page, 'left');
    await frame.getByRole('heading', { name: 'My team' }).waitFor();
    await expect.poll(() => frame.evaluate(() => window.innerWidth)).toBeLessThanOrEqual(700);
    await frame.getByText('Overdue').first().waitFor();
    await frame.getByText('You hold too many', { exact: true }).waitFor();
    await frame.getByText('In progress').waitFor();
    const outside = await frame.evaluate(() =>
      Array.from(document.querySelectorAll('td .fui-Badge')).flatMap((badge) => {
        const cell = badge.closest('td')!.getBoundingClientRect();
        const rect = badge.getBoundingClientRect();
        return rect.left < cell.left - 0.5 || rect.right > cell.right + 0.5 || rect.bottom > cell.bottom + 0.5
          ? [`${badge.textContent}: ${rect.left}–${rect.right} in ${cell.left}–${cell.right}`]
          : [];
      }),
    );
    expect(outside).toEqual([]);
    expect(await sidewaysOverflow(frame)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS_DIR}/my-team-700.png` });
  }, 60_000);
});

describe('the local preview', () => {
  it('gives another meeting another chat, and the next occurrence of a series the same one', async () => {
    const { page } = await openPreview({ left: 'morgan:sidepanel', meeting: 'series-a', chat: 'chat-series-a' });
    let frame = await tabFrame(page, 'left');
    await frame.getByRole('heading', { name: 'Start a conversation' }).waitFor();
    // Morgan starts Chloe's job conversation in this meeting, through the panel as he would.
    await frame.getByLabel('With').selectOption({ label: 'Chloe Martin (your report)' });
    await frame.getByRole('radio', { name: 'Job development' }).check();
    await frame.getByRole('button', { name: /Start job development/ }).click();
    await frame.getByRole('heading', { name: 'Job development' }).waitFor();

    // The next occurrence shares the series' chat: the panel offers to continue the plan.
    await page.getByRole('button', { name: 'Next occurrence of the series' }).click();
    frame = await tabFrame(page, 'left');
    await frame.getByText(/continues an earlier series/).waitFor();

    // Another meeting altogether has a chat of its own: nothing to continue there.
    await page.getByRole('textbox', { name: 'Meeting' }).fill('another-meeting');
    await page.getByRole('textbox', { name: 'Meeting' }).press('Enter');
    await page.getByRole('textbox', { name: 'Meeting' }).blur();
    frame = await tabFrame(page, 'left');
    await frame.getByRole('heading', { name: 'Start a conversation' }).waitFor();
    await expect(frame.getByText(/continues an earlier series/).count()).resolves.toBe(0);
  }, 60_000);
});
