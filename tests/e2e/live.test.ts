import type { Frame } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { tabFrame } from '../support/preview';
import type { TestStack } from '../support/stack';
import { openSection, useBrowserAndStack } from './harness';
import { addActionAs, apiAs, expectDrawn, startConversation } from './room-support';
import { ConversationViewSchema } from '../../functions/src/contract';
import { expectBody } from '../support/client';

/**
 * Live in the room: the other person's change reaches the panel through Azure Web PubSub (its local stand-in here) as
 * it happens, marked new until seen; without the service the panel polls as before and loses nothing.
 */

const e2e = useBrowserAndStack();
let stack: TestStack;
beforeEach(() => {
  stack = e2e.stack;
});

/**
 * Waits for a change to show, well inside the 30 s between the safety reads a live panel makes: what shows this soon
 * came through the channel (each read the channel triggers also resets that 30 s).
 */
const PUSHED = { timeout: 10_000 };

async function live(frame: Frame): Promise<void> {
  await frame.locator('main[data-live="on"]').waitFor({ timeout: 15_000 });
}

describe('live in the room', () => {
  it('shows each kind of the other person’s change as it happens, marked new, and counts it on a folded section', async () => {
    const base = await startConversation(stack, 'morgan', 'chloe', 'job', 'live');
    const { page } = await e2e.openPreview({ left: 'morgan:sidepanel', right: 'chloe:sidepanel', meeting: 'live' });
    const manager = await tabFrame(page, 'left');
    const employee = await tabFrame(page, 'right');
    await expectDrawn(manager, 'Job development');
    await expectDrawn(employee, 'Job development');
    await live(manager);
    await live(employee);

    // A talking point into a section that is folded on Morgan's side: the section says it holds something new.
    await employee.getByRole('textbox', { name: 'New talking point' }).fill('Marker-TP: the on-call rota');
    await employee.getByRole('button', { name: 'Add talking point' }).click();
    await manager.getByTestId('new-in-talkingPoints').getByText('1 new').waitFor(PUSHED);
    await openSection(manager, 'Talking points');
    const point = manager.getByRole('listitem').filter({ hasText: 'Marker-TP: the on-call rota' });
    await point.getByTestId('new-badge').waitFor();
    // Seen for a moment, it is no longer marked; Chloe's own point was never news to her.
    await expect.poll(() => point.getByTestId('new-badge').count(), { timeout: 10_000 }).toBe(0);
    await expect(employee.getByTestId('new-badge').count()).resolves.toBe(0);

    // A tick.
    await employee.getByRole('checkbox', { name: /Which goals and objectives/ }).check();
    await expect
      .poll(() => manager.getByRole('checkbox', { name: /Which goals and objectives/ }).isChecked(), PUSHED)
      .toBe(true);

    // A shared note, marked new where it shows.
    await employee.getByRole('button', { name: /^Add a note: What do you need to learn/ }).click();
    await employee.getByRole('textbox', { name: /Shared note/ }).fill('Marker-NOTE: billing first');
    await employee.getByRole('button', { name: 'Save note' }).click();
    const noted = manager.getByTestId('item-goals.learn');
    await noted.getByText('Marker-NOTE: billing first').waitFor(PUSHED);
    await noted.getByTestId('new-badge').waitFor();

    // An action, marked new.
    await addActionAs(stack, 'chloe', base, {
      title: 'Marker-ACTION: automate the smoke tests',
      owner: 'employee',
      learningKind: 'onTheJob',
    });
    const added = manager.getByRole('listitem').filter({ hasText: 'Marker-ACTION: automate the smoke tests' });
    await added.waitFor(PUSHED);
    await added.getByTestId('new-badge').waitFor();

    // A confirmation.
    const chloe = await apiAs(stack, 'chloe');
    const { revision } = expectBody(await chloe.get(base), 200, ConversationViewSchema).conversation;
    expect((await chloe.post(`${base}/agree`, { revision })).status).toBe(200);
    await manager
      .getByTestId('agreed-employee')
      .getByText(/^Chloe Martin agreed at/)
      .waitFor(PUSHED);

    // Morgan's own change from elsewhere (another device, his personal tab) is news to this panel too: the agreement.
    const morgan = await apiAs(stack, 'morgan');
    const seen = expectBody(await morgan.get(base), 200, ConversationViewSchema).conversation.revision;
    expect((await morgan.post(`${base}/agree`, { revision: seen })).status).toBe(200);
    await manager.getByTestId('agreed-on').waitFor(PUSHED);

    // On the wire: who and what kind, never what anyone wrote.
    const frames = (stack.live?.frames ?? []).map((frame) => frame.text);
    expect(frames.length).toBeGreaterThanOrEqual(5);
    expect(frames.join('\n')).not.toMatch(/Marker-/);
  }, 90_000);

  it('polls every 3 s while the service is away, loses nothing, and goes live again when it returns', async () => {
    const base = await startConversation(stack, 'morgan', 'chloe', 'job', 'live-away');
    const { page } = await e2e.openPreview({ left: 'morgan:sidepanel', meeting: 'live-away' });
    const manager = await tabFrame(page, 'left');
    await expectDrawn(manager, 'Job development');
    await live(manager);
    if (!stack.live) throw new Error('This stack has no Web PubSub stand-in.');

    stack.live.stop();
    await manager.locator('main[data-live="off"]').waitFor(PUSHED);
    // While it is away the writes go on, and the panel picks them up with its poll.
    await addActionAs(stack, 'chloe', base, {
      title: 'Automate the smoke tests',
      owner: 'employee',
      learningKind: 'onTheJob',
    });
    await manager.getByText('Automate the smoke tests').waitFor(PUSHED);

    // Back: the panel connects again by itself, and what changes next comes as it happens.
    stack.live.start();
    await live(manager);
    await addActionAs(stack, 'chloe', base, {
      title: 'Ask Ben for feedback',
      owner: 'employee',
      learningKind: 'fromOthers',
    });
    await manager.getByText('Ask Ben for feedback').waitFor(PUSHED);
  }, 90_000);
});
