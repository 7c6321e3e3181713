import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { isolate } from '../support/browser';
import { clientFor } from '../support/client';
import { SCREENSHOTS_DIR } from '../support/preview';
import { axeViolations, useBrowserAndStack } from './harness';

/*
 * The Outlook add-in on the organizer's meeting form, in the preview's Outlook compose host: the real pane
 * (addin.html) with the Office.js stand-in and MSAL's nested app authentication bridge answered by the host page,
 * against the real API. The host page holds the invite — attendees, a body with Teams' join block — and records
 * every call that put something into it.
 */

const harness = useBrowserAndStack();
const mail = (name: string) => `${name}@contoso.example`;
const HOSTILE = '<img src=x onerror="window.__pwned=1">Grow <b>faster</b> & "louder"';

interface Insertion {
  method: string;
  coercionType: string;
  data: string;
}

async function openOutlook(query: Record<string, string>): Promise<{ page: Page; pane: Frame }> {
  const context = harness.track(await harness.browser.newContext({ viewport: { width: 1280, height: 900 } }));
  await isolate(context);
  const page = await context.newPage();
  await page.goto(
    `${harness.stack.url}/preview/outlook.html?${new URLSearchParams({ pane: 'open', ...query }).toString()}`,
  );
  const handle = await page.waitForSelector('iframe[name="addin"]');
  const pane = await handle.contentFrame();
  if (!pane) throw new Error('No add-in pane.');
  return { page, pane };
}

const insertions = (page: Page) =>
  page.evaluate(() => (window as unknown as { outlookCompose: { insertions: Insertion[] } }).outlookCompose.insertions);

/**
 * The agenda blocks in the invite's body (a block holding another is the wrapper left when an earlier agenda's
 * content was selected and replaced: the inner one counts), and the body's text.
 */
async function invite(page: Page): Promise<{ blocks: number; text: string; joinLink: string | null; firstId: string }> {
  return page.evaluate(() => {
    const body = document.getElementById('body');
    if (!body) throw new Error('No body.');
    return {
      blocks: [...body.querySelectorAll('[id^="career-conversations-agenda-"]')].filter(
        (block) => !block.querySelector('[id^="career-conversations-agenda-"]'),
      ).length,
      text: body.innerText,
      joinLink:
        body
          .querySelector('#teams-join-block a[href^="https://teams.microsoft.com/l/meetup-join/"]')
          ?.getAttribute('href') ?? null,
      firstId: body.firstElementChild?.id ?? '',
    };
  });
}

/** The organizer selects the whole earlier agenda in the invite, as they would with the mouse. */
async function selectEarlierAgenda(page: Page): Promise<void> {
  await page.evaluate(() => {
    const block = document.querySelector('#body [id^="career-conversations-agenda-"]');
    if (!block) throw new Error('No agenda in the invite.');
    const range = document.createRange();
    range.selectNodeContents(block);
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
  });
}

async function prepare(author: string, employee: string, text: string, type: 'job' | 'career' | null) {
  const client = clientFor(harness.stack, await harness.stack.token(author));
  const response = await client.post(`plans/${harness.stack.person(employee).id}/prepared`, { text, type });
  expect(response.status).toBe(201);
}

describe('the Outlook add-in on the organizer’s meeting form', () => {
  it('puts a report’s agenda at the top of the invite, escaped, keeps the Teams join block, and replaces rather than repeats', async () => {
    await prepare('ava', 'ava', HOSTILE, 'job');
    await prepare('morgan', 'ava', 'Which team would you like to spend a week with?', 'career');
    const { page, pane } = await openOutlook({ organizer: 'morgan', required: mail('ava') });

    await pane.getByRole('heading', { name: 'Your 1:1 with Ava Patel' }).waitFor();
    expect(await pane.getByText('Ava Patel reports to you').isVisible()).toBe(true);
    expect(await pane.getByRole('radio', { name: 'Job development (suggested)' }).isChecked()).toBe(true);
    // The hostile point shows as text in the pane.
    expect(await pane.getByText(HOSTILE, { exact: false }).count()).toBe(1);
    // Signed in by nested app authentication, for the API's access_as_user on the tab's own domain.
    const scopes = await page.evaluate(
      () => (window as unknown as { outlookCompose: { tokenScopes: string[] } }).outlookCompose.tokenScopes,
    );
    expect(scopes[0]).toBe(`api://${new URL(harness.stack.url).host}/career-conversations-local/access_as_user`);

    await pane.getByRole('button', { name: 'Add to invite' }).click();
    await pane.getByText('Added at the top of the invite.').waitFor();
    // Focus lands on the outcome, for the keyboard and the screen reader.
    expect(await pane.evaluate(() => document.activeElement?.id)).toBe('invite-outcome');

    const first = await invite(page);
    expect(first.blocks).toBe(1);
    expect(first.firstId).toMatch(/^career-conversations-agenda-[0-9a-f]{8}$/);
    expect(first.text).toContain('Career conversation agenda: Job development');
    expect(first.text).toContain(HOSTILE);
    expect(first.text).not.toContain('Which team would you like');
    expect(first.text).toContain('Open the plan in Teams');
    expect(first.text.indexOf('End of the career conversation agenda')).toBeLessThan(
      first.text.indexOf('Microsoft Teams meeting'),
    );
    expect(first.joinLink).toBe('https://teams.microsoft.com/l/meetup-join/19%3ameeting_preview%40thread.v2/0');
    // The hostile title went in as text: no element, no script ran, in the invite or the pane.
    expect(await page.locator('#body img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await pane.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    const [inserted] = await insertions(page);
    expect(inserted?.method).toBe('prependAsync');
    expect(inserted?.coercionType).toBe('html');
    expect(inserted?.data).toContain(
      '&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;Grow &lt;b&gt;faster&lt;/b&gt; &amp;',
    );
    // The link opens Ava's plan in Teams.
    expect(inserted?.data).toMatch(/href="https:\/\/teams\.microsoft\.com\/l\/entity\/[^"]+\/myplan\?context=/);

    // The same agenda again: nothing new goes in.
    await pane.getByRole('button', { name: 'Add to invite' }).click();
    await pane.getByText('This agenda is already at the top of the invite.').waitFor();
    expect((await invite(page)).blocks).toBe(1);
    expect(await insertions(page)).toHaveLength(1);

    // Another kind: the earlier agenda is found, and replaced once the organizer has selected it.
    await pane.getByRole('radio', { name: 'Career development' }).check();
    await pane.getByRole('button', { name: 'Add to invite' }).click();
    await pane.getByText('This invite already holds an earlier agenda.', { exact: false }).waitFor();
    expect(await insertions(page)).toHaveLength(1);
    // Morgan sees that Ava's career plan stays out: only Ava can add it.
    expect(await pane.getByText('Ava Patel’s career plan stays out of the invite', { exact: false }).count()).toBe(1);
    expect(await pane.getByRole('checkbox').count()).toBe(0);
    // Without a selection the pane refuses to replace anything.
    await pane.getByRole('button', { name: 'Replace the selected agenda' }).click();
    await pane.getByText('Select the whole earlier agenda in the invite', { exact: false }).waitFor();
    expect(await insertions(page)).toHaveLength(1);
    await selectEarlierAgenda(page);
    await pane.getByRole('button', { name: 'Replace the selected agenda' }).click();
    await pane.getByText('The earlier agenda was replaced.').waitFor();

    const replaced = await invite(page);
    expect(replaced.blocks).toBe(1);
    expect(replaced.text).toContain('Career conversation agenda: Career development');
    expect(replaced.text).toContain('Where you want to go');
    expect(replaced.text).toContain('Which team would you like to spend a week with?');
    expect(replaced.text).not.toContain('Job development');
    expect(replaced.joinLink).not.toBeNull();
    expect((await insertions(page)).map((entry) => entry.method)).toEqual(['prependAsync', 'setSelectedDataAsync']);
    expect(await axeViolations(pane, ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])).toEqual([]);
  }, 90_000);

  it('lets an employee organize with their own manager, and adds their career plan only when they tick it', async () => {
    const ava = clientFor(harness.stack, await harness.stack.token('ava'));
    const avaId = harness.stack.person('ava').id;
    expect(
      (
        await ava.put(`plans/${avaId}/career-plan`, {
          aspiration: 'moveSideways',
          focusAreas: ['Public speaking'],
          careerScenario: null,
        })
      ).status,
    ).toBe(200);
    await prepare('ava', 'ava', 'Mentoring a new joiner', 'career');
    const { page, pane } = await openOutlook({ organizer: 'ava', required: mail('morgan') });
    await pane.getByRole('heading', { name: 'Your 1:1 with Morgan Lee' }).waitFor();
    expect(await pane.getByText('Morgan Lee is your manager: this is about your own plan.').isVisible()).toBe(true);
    await pane.getByRole('radio', { name: 'Career development' }).check();
    const consent = pane.getByRole('checkbox', { name: /Add my career plan/ });
    expect(await consent.isChecked()).toBe(false);

    await pane.getByRole('button', { name: 'Add to invite' }).click();
    await pane.getByText('Added at the top of the invite.').waitFor();
    const withoutConsent = await invite(page);
    expect(withoutConsent.text).toContain('Mentoring a new joiner');
    expect(withoutConsent.text).not.toContain('Public speaking');
    expect(withoutConsent.text).not.toContain('career plan');

    await consent.check();
    await pane.getByRole('button', { name: 'Add to invite' }).click();
    await pane.getByText('This invite already holds an earlier agenda.', { exact: false }).waitFor();
    await selectEarlierAgenda(page);
    await pane.getByRole('button', { name: 'Replace the selected agenda' }).click();
    await pane.getByText('The earlier agenda was replaced.').waitFor();
    const withConsent = await invite(page);
    expect(withConsent.blocks).toBe(1);
    expect(withConsent.text).toContain('Ava Patel’s career plan');
    expect(withConsent.text).toContain('Focus areas: Public speaking');
    expect(withConsent.joinLink).not.toBeNull();

    // The pane and the invite with the agenda, for the README (the organizer's selection cleared).
    await page.evaluate(() => window.getSelection()?.removeAllRanges());
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'outlook-compose-agenda.png') });
  }, 60_000);

  it('gives the same neutral refusal for a stranger, a report with a stranger, and two reports, and inserts nothing', async () => {
    const refusal = 'No 1:1 agenda for this invite';
    for (const query of [
      { organizer: 'morgan', required: mail('dana') },
      { organizer: 'morgan', required: mail('ava'), optional: mail('dana') },
      { organizer: 'morgan', required: `${mail('ava')}; ${mail('ben')}` },
    ]) {
      const { page, pane } = await openOutlook(query);
      await pane.getByText(refusal).waitFor();
      expect(await pane.getByRole('button', { name: 'Add to invite' }).count()).toBe(0);
      expect(await pane.getByText('Ava Patel').count()).toBe(0);
      expect(await insertions(page)).toEqual([]);
      expect((await invite(page)).joinLink).not.toBeNull();
    }
    // Once the organizer invites just their report, checking again finds the pair.
    const { page, pane } = await openOutlook({ organizer: 'morgan', required: `${mail('ava')}; ${mail('ben')}` });
    await pane.getByText(refusal).waitFor();
    await page.fill('#required', mail('ben'));
    await pane.getByRole('button', { name: 'Check the attendees again' }).click();
    await pane.getByRole('heading', { name: 'Your 1:1 with Ben Okafor' }).waitFor();
  }, 60_000);

  it('checks the attendees again before inserting: a stranger added since is refused', async () => {
    const { page, pane } = await openOutlook({ organizer: 'morgan', required: mail('chloe') });
    await pane.getByRole('heading', { name: 'Your 1:1 with Chloe Martin' }).waitFor();
    await page.fill('#required', `${mail('chloe')}; ${mail('dana')}`);
    await pane.getByRole('button', { name: 'Add to invite' }).click();
    await pane.getByText('No 1:1 agenda for this invite').waitFor();
    expect(await insertions(page)).toEqual([]);
  });

  it('degrades where Outlook offers less: Mailbox 1.1 only, and no nested app authentication', async () => {
    const { page, pane } = await openOutlook({ organizer: 'morgan', required: mail('ava'), outlook: 'mailbox-1.1' });
    await pane.getByRole('button', { name: 'Add to invite' }).click();
    await pane.getByText('Added at the top of the invite.').waitFor();
    await pane.getByRole('button', { name: 'Add to invite' }).click();
    await pane.getByText('This agenda is already at the top of the invite.').waitFor();
    expect((await invite(page)).blocks).toBe(1);
    // Another kind: the pane cannot check a selection here, so it asks the organizer to delete the earlier one.
    await pane.getByRole('radio', { name: 'Career development' }).check();
    await pane.getByRole('button', { name: 'Add to invite' }).click();
    await pane.getByText('Delete it from the invite, then choose Add to invite again.', { exact: false }).waitFor();
    expect(await pane.getByRole('button', { name: 'Replace the selected agenda' }).count()).toBe(0);
    expect(await insertions(page)).toHaveLength(1);

    const noSignIn = await openOutlook({ organizer: 'morgan', required: mail('ava'), outlook: 'no-naa' });
    await noSignIn.pane.getByText('cannot sign Career Conversations in', { exact: false }).waitFor();
    expect(await noSignIn.pane.getByRole('link', { name: 'Open My plan in Teams' }).getAttribute('href')).toMatch(
      /^https:\/\/teams\.microsoft\.com\/l\/entity\//,
    );
    expect(await insertions(noSignIn.page)).toEqual([]);
  }, 60_000);
});
