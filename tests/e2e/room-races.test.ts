import { beforeEach, describe, expect, it } from 'vitest';
import { ConversationViewSchema, PlanViewSchema } from '../../functions/src/contract';
import { expectBody } from '../support/client';
import { screenshotFrame, tabFrame } from '../support/preview';
import type { TestStack } from '../support/stack';
import { wcagViolations } from './fit';
import { openSection, useBrowserAndStack } from './harness';
import { addActionAs, apiAs, expectDrawn, focused, holdNext, savedFlag, startConversation } from './room-support';

/**
 * Both people acting on the same thing at the same moment, on every path where the service answers 412 (the other
 * person's change got there first): each is re-applied where it touches nothing the other changed, or explained, and
 * the panel never goes blank. Where a click could land in either order, the browser holds one request until the other
 * has landed, so the race happens every time.
 */

const e2e = useBrowserAndStack();
let stack: TestStack;
beforeEach(() => {
  stack = e2e.stack;
});

async function bothInMeeting(meeting: string) {
  const opened = await e2e.openPreview({ left: 'morgan:sidepanel', right: 'chloe:sidepanel', meeting });
  const manager = await tabFrame(opened.page, 'left');
  const employee = await tabFrame(opened.page, 'right');
  return { ...opened, manager, employee };
}

describe('both people at the same moment', () => {
  // One retry: on a loaded CI machine the held request and the live re-read can cross once in a while (seen once in
  // CI, never locally); a rule that is really broken fails both tries.
  it(
    'edits one action from both sides: the same field is explained, other fields are both kept, a hand-over once',
    { retry: 1, timeout: 90_000 },
    async () => {
      const base = await startConversation(stack, 'morgan', 'chloe', 'job', 'race-action');
      await addActionAs(stack, 'morgan', base, { title: 'Book the course', owner: 'manager', learningKind: 'formal' });
      const { page, manager, employee } = await bothInMeeting('race-action');
      await expectDrawn(manager, 'Job development');
      await expectDrawn(employee, 'Job development');

      // The title, from both sides: Chloe's lands first; Morgan's was made on the version before it.
      await employee.getByRole('button', { name: 'Edit: Book the course' }).click();
      await manager.getByRole('button', { name: 'Edit: Book the course' }).click();
      await employee.getByRole('textbox', { name: /^Action/ }).fill('Book the test automation course');
      await manager.getByRole('textbox', { name: /^Action/ }).fill('Book the course by Friday');
      await employee.getByRole('button', { name: 'Save changes' }).click();
      await employee.getByRole('button', { name: 'Add an action' }).waitFor();
      await manager.getByRole('button', { name: 'Save changes' }).click();
      // Morgan is told, in place, what happened; his words wait in the form; nothing was overwritten; no blank panel.
      await manager.getByText(/^Chloe Martin changed the title of “Book the test automation course”/).waitFor();
      await expect(manager.getByRole('textbox', { name: /^Action/ }).inputValue()).resolves.toBe(
        'Book the course by Friday',
      );
      await screenshotFrame(page, 'left', 'race-action-title.png');
      const stored = expectBody(await (await apiAs(stack, 'morgan')).get(base), 200, ConversationViewSchema);
      expect(stored.actions.map((action) => action.title)).toEqual(['Book the test automation course']);
      await expect(manager.getByText('This page stopped working').count()).resolves.toBe(0);
      // Saving again, now knowingly, replaces the title only.
      await manager.getByRole('button', { name: 'Save changes' }).click();
      await manager.getByRole('button', { name: 'Add an action' }).waitFor();
      await manager.getByText('Book the course by Friday').waitFor();

      // A due date against a new title: different fields, both kept (Morgan's is re-applied on Chloe's version).
      await employee.getByRole('button', { name: 'Edit: Book the course by Friday' }).click({ timeout: 10_000 });
      await manager.getByRole('button', { name: 'Edit: Book the course by Friday' }).click();
      await employee.getByRole('textbox', { name: /^Action/ }).fill('Book the automation course');
      await manager.getByLabel('Due date').fill('2027-01-29');
      await employee.getByRole('button', { name: 'Save changes' }).click();
      await employee.getByRole('button', { name: 'Add an action' }).waitFor();
      await manager.getByRole('button', { name: 'Save changes' }).click();
      await manager.getByRole('button', { name: 'Add an action' }).waitFor();
      const both = manager.getByRole('listitem').filter({ hasText: 'Book the automation course' });
      await both.getByText('Due 29 Jan 2027').waitFor();
      const after = expectBody(await (await apiAs(stack, 'chloe')).get(base), 200, ConversationViewSchema);
      expect(after.actions[0]).toMatchObject({ title: 'Book the automation course', dueDate: '2027-01-29' });

      // The owner, with one click each at the same moment: Morgan's is held until Chloe's has landed.
      const held = await holdNext(page.context(), '**/api/plans/*/conversations/*/actions/*', 'PATCH');
      await manager.getByRole('button', { name: /^Hand over to Chloe Martin/ }).click();
      await held.reached;
      await employee.getByRole('button', { name: /^Hand over to Chloe Martin/ }).click();
      await employee.getByRole('button', { name: /^Hand over to Morgan Lee/ }).waitFor();
      held.release();
      await expect(held.answered).resolves.toBe(412);
      // Both wanted Chloe to own it: she does, once, and neither panel complains or goes blank.
      await manager.getByRole('button', { name: /^Hand over to Morgan Lee/ }).waitFor();
      const owned = expectBody(await (await apiAs(stack, 'chloe')).get(base), 200, ConversationViewSchema);
      expect(owned.actions.map((action) => action.owner)).toEqual(['employee']);
      await expect(manager.getByText(/changed .* while you were/).count()).resolves.toBe(0);
      await expectDrawn(manager, 'Job development');
      await expectDrawn(employee, 'Job development');
    },
  );

  it('writes notes and talking points from both sides at once: both are kept', async () => {
    const base = await startConversation(stack, 'morgan', 'chloe', 'job', 'race-notes');
    const { page, manager, employee } = await bothInMeeting('race-notes');
    await expectDrawn(manager, 'Job development');
    await expectDrawn(employee, 'Job development');

    // Shared notes under the same item: Morgan's save is held until Chloe's has landed, then re-applied.
    await employee.getByRole('button', { name: /^Add a note: Which goals and objectives/ }).click();
    await manager.getByRole('button', { name: /^Add a note: Which goals and objectives/ }).click();
    await employee.getByRole('textbox', { name: /Shared note/ }).fill('Billing first.');
    await manager.getByRole('textbox', { name: /Shared note/ }).fill('And the course in spring.');
    const notes = await holdNext(page.context(), '**/api/plans/*/conversations/*/agenda/*', 'PATCH');
    await manager.getByRole('button', { name: 'Save note' }).click();
    await notes.reached;
    await employee.getByRole('button', { name: 'Save note' }).click();
    await employee.getByTestId('note-employee').waitFor();
    notes.release();
    await expect(notes.answered).resolves.toBe(412);
    await manager.getByTestId('notes-goals.objectives').getByText('And the course in spring.').waitFor();
    await manager.getByTestId('notes-goals.objectives').getByText('Billing first.').waitFor({ timeout: 10_000 });

    // Two talking points at once: Chloe's is held until Morgan's has landed; both end up on the agenda.
    await employee.getByRole('textbox', { name: 'New talking point' }).fill('The on-call rota');
    await manager.getByRole('textbox', { name: 'New talking point' }).fill('The release checklist');
    const points = await holdNext(page.context(), '**/api/plans/*/conversations/*/agenda', 'POST');
    await employee.getByRole('button', { name: 'Add talking point' }).click();
    await points.reached;
    await manager.getByRole('button', { name: 'Add talking point' }).click();
    await openSection(manager, 'Talking points');
    await manager.getByText('The release checklist').waitFor();
    points.release();
    await expect(points.answered).resolves.toBe(412);
    // Re-applied on the version with Morgan's point: the section it went to opens for it.
    await savedFlag(employee, 'Talking point added to Talking points');
    await openSection(employee, 'Talking points');
    await employee.getByText('The on-call rota').waitFor();
    await employee.getByText('The release checklist').waitFor({ timeout: 10_000 });
    const view = expectBody(await (await apiAs(stack, 'chloe')).get(base), 200, ConversationViewSchema);
    expect(view.conversation.agenda.filter((item) => item.source === 'talkingPoint').map((item) => item.text)).toEqual([
      'The release checklist',
      'The on-call rota',
    ]);

    // Chloe corrects her point while Morgan ticks it: both changes stand.
    const ticking = await holdNext(page.context(), '**/api/plans/*/conversations/*/agenda/*', 'PATCH');
    await manager.getByRole('checkbox', { name: /The on-call rota/ }).check();
    await ticking.reached;
    await employee.getByRole('button', { name: 'Edit my talking point: The on-call rota' }).click();
    await employee.getByRole('textbox', { name: 'Your talking point' }).fill('The on-call rota for January');
    await employee.getByRole('button', { name: 'Save', exact: true }).click();
    await employee.getByText('The on-call rota for January').waitFor();
    ticking.release();
    await expect(ticking.answered).resolves.toBe(412);
    await expect
      .poll(async () => {
        const now = expectBody(await (await apiAs(stack, 'morgan')).get(base), 200, ConversationViewSchema);
        return now.conversation.agenda.find((item) => item.text === 'The on-call rota for January')?.discussed;
      })
      .toBe(true);
    await expectDrawn(manager, 'Job development');
    await expectDrawn(employee, 'Job development');
  }, 90_000);

  it('saves the career plan and the private note from two windows of one person: the later one is told', async () => {
    const base = await startConversation(stack, 'chloe', 'chloe', 'career', 'race-plan');
    // Chloe in the meeting's panel, and in My plan in another window.
    const room = await e2e.openPreview({ left: 'chloe:sidepanel', meeting: 'race-plan' });
    const panel = await tabFrame(room.page, 'left');
    const planWindow = await e2e.openPreview({ left: 'chloe:myplan' });
    const myPlan = await tabFrame(planWindow.page, 'left');
    await expectDrawn(panel, 'Career development');
    await myPlan.getByRole('heading', { name: 'My plan' }).waitFor();

    // The panel saves a direction first; My plan's save was made on the plan before it.
    await openSection(panel, 'Where you want to go');
    const direction = panel.getByTestId('room-direction-plan');
    await direction.getByRole('button', { name: 'Change direction' }).click();
    await direction.getByRole('radio', { name: 'Still exploring' }).check();
    await myPlan.getByRole('radio', { name: /Move up/ }).check();
    await direction.getByRole('button', { name: 'Save direction' }).click();
    await direction.getByText(/^Saved at /).waitFor();
    await myPlan.getByRole('button', { name: 'Save my career plan' }).click();
    await myPlan.getByText(/changed somewhere else in the meantime/).waitFor();
    const plan = expectBody(
      await (await apiAs(stack, 'chloe')).get(`plans/${stack.person('chloe').id}`),
      200,
      PlanViewSchema,
    );
    expect(plan.careerPlan.aspiration).toBe('explore');

    // The private note, saved in the panel of two windows: the second is told and shown what is saved.
    const other = await e2e.openPreview({ left: 'chloe:sidepanel', meeting: 'race-plan' });
    const second = await tabFrame(other.page, 'left');
    await expectDrawn(second, 'Career development');
    for (const frame of [panel, second]) {
      await frame.getByRole('button', { name: /Private note/ }).click();
    }
    await panel.getByRole('textbox', { name: /^Private note/ }).fill('Ask about the platform team.');
    await second.getByRole('textbox', { name: /^Private note/ }).fill('Talk to Sam first.');
    await panel.getByTestId('private-note').getByRole('button', { name: 'Save note' }).click();
    await panel
      .getByTestId('private-note-saved')
      .getByText(/^Saved at /)
      .waitFor();
    await second.getByTestId('private-note').getByRole('button', { name: 'Save note' }).click();
    await second.getByText(/Your private note was saved in another window meanwhile/).waitFor();
    // What this window typed is still there, not saved; what is stored is the first window's.
    await expect(second.getByRole('textbox', { name: /^Private note/ }).inputValue()).resolves.toBe(
      'Talk to Sam first.',
    );
    await second.getByTestId('private-note-saved').getByText('Not saved yet').waitFor();
    await expectDrawn(second, 'Career development');
    const stored = expectBody(await (await apiAs(stack, 'chloe')).get(base), 200, ConversationViewSchema);
    expect(stored.myNote?.text).toBe('Ask about the platform team.');
    await screenshotFrame(other.page, 'left', 'race-private-note.png');
    expect(await focused(second)).not.toBe('(body)');
  }, 90_000);
});

describe('when drawing the panel fails', () => {
  it('says what happened, keeps what was typed, reports it without content, and Reload brings the panel back', async () => {
    const base = await startConversation(stack, 'morgan', 'chloe', 'job', 'boundary');
    const { page, context } = await e2e.openPreview({ left: 'chloe:sidepanel', meeting: 'boundary' });
    const frame = await tabFrame(page, 'left');
    await expectDrawn(frame, 'Job development');
    await frame.getByRole('textbox', { name: 'New talking point' }).fill('The rota, before I forget it');

    await frame.locator('main[data-live="on"]').waitFor({ timeout: 15_000 });
    // The next read answers something the panel cannot draw (as a broken deployment might).
    const reports: string[] = [];
    await context.route('**/api/client-failures', async (route) => {
      reports.push(route.request().postData() ?? '');
      await route.continue();
    });
    await context.route('**/api/plans/*/conversations/*', async (route) => {
      if (route.request().method() !== 'GET') {
        await route.fallback();
        return;
      }
      const response = await route.fetch({ headers: { ...route.request().headers(), 'if-none-match': '' } });
      const body = (await response.json()) as Record<string, unknown>;
      await route.fulfill({
        status: 200,
        headers: { 'content-type': 'application/json', etag: '"broken"' },
        body: JSON.stringify({ ...body, sections: null }),
      });
    });
    // Morgan's change is announced, and the panel reads the conversation again.
    await addActionAs(stack, 'morgan', base, { title: 'Cover the rota', owner: 'manager', learningKind: 'onTheJob' });
    await frame.getByText('This page stopped working').waitFor({ timeout: 10_000 });
    await frame.getByTestId('kept-drafts').getByText('The rota, before I forget it').waitFor();
    expect(await wcagViolations(frame)).toEqual([]);
    await screenshotFrame(page, 'left', 'side-panel-failure.png');
    await expect.poll(() => reports.length).toBeGreaterThan(0);
    const report = JSON.parse(reports[0]!) as { surface: string; errorName: string; components: string[] };
    expect(report.surface).toBe('sidepanel');
    expect(report.errorName).toBe('TypeError');
    expect(report.components.length).toBeGreaterThan(0);
    // Names only: nothing anyone wrote travels with it.
    expect(reports.join('\n')).not.toContain('rota');

    // Once the service answers properly again, Reload draws the panel, with the typed point back in its box.
    await context.unroute('**/api/plans/*/conversations/*');
    await frame.getByRole('button', { name: 'Reload' }).click();
    await expectDrawn(frame, 'Job development');
    await expect(frame.getByRole('textbox', { name: 'New talking point' }).inputValue()).resolves.toBe(
      'The rota, before I forget it',
    );
  }, 60_000);
});
