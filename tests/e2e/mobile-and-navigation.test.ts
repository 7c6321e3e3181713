import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConversationViewSchema } from '../../functions/src/contract';
import { ORG_CATALOG_APP_ID } from '../../tab/preview/org-catalog';
import { isolate } from '../support/browser';
import { clientFor, expectBody } from '../support/client';
import { SCREENSHOTS_DIR, tabFrame } from '../support/preview';
import { type TestStack } from '../support/stack';
import { seriousViolations, useBrowserAndStack } from './harness';

/**
 * Teams, Outlook and the Microsoft 365 app on phones (the tab as the top window, with only the
 * native bridge), and how the tab goes to its own pages in each kind of host: in-app navigation,
 * navigation under the id the host knows the app by, or a deep link as the last resort.
 */

/** The manifest id of the preview build (no TEAMS_APP_ID at build time). */
const MANIFEST_APP_ID = 'career-conversations-local';

const e2e = useBrowserAndStack();
let stack: TestStack;
beforeEach(() => {
  stack = e2e.stack;
});

async function newPage(options: { phone?: boolean } = {}): Promise<Page> {
  const context = await e2e.browser.newContext(
    options.phone
      ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }
      : { viewport: { width: 1280, height: 900 } },
  );
  e2e.track(context);
  await isolate(context);
  return context.newPage();
}

/** Morgan starts a job-development conversation with Chloe in a meeting, through the API. */
async function meetingWithChloe(meetingId: string): Promise<void> {
  const client = clientFor(stack, await stack.token('morgan'));
  expectBody(
    await client.post(`plans/${stack.person('chloe').id}/conversations`, { type: 'job', meetingId }),
    201,
    ConversationViewSchema,
  );
}

describe('on a phone, where the tab has no parent frame', () => {
  it('starts through window.nativeInterface instead of saying it runs only inside Teams', async () => {
    const page = await newPage({ phone: true });
    await page.goto(`${stack.url}/preview/mobile.html?person=chloe&view=myplan&theme=dark`);
    await page.getByRole('heading', { name: 'My plan' }).waitFor();
    await expect(page.getByText('runs inside Microsoft Teams').count()).resolves.toBe(0);
    // The mobile apps' situation: the top window, no opener, and the injected native bridge.
    await expect(
      page.evaluate(() => ({
        top: window.parent === window && window.top === window,
        opener: window.opener === null,
        bridge: typeof (window as { nativeInterface?: { framelessPostMessage?: unknown } }).nativeInterface
          ?.framelessPostMessage,
      })),
    ).resolves.toEqual({ top: true, opener: true, bridge: 'function' });
    // Every request went through the bridge, answers came back through window.onNativeMessage.
    const heard = await page.evaluate(() => (window as unknown as { hostLog: string[] }).hostLog);
    for (const func of ['initialize', 'getContext', 'authentication.getAuthToken'])
      expect(heard).toContain(`chloe → ${func} (native bridge)`);
    expect(heard.every((line) => line.endsWith('(native bridge)') || line.startsWith('would'))).toBe(true);
    // The host's theme arrived, and a live change comes through the bridge too.
    const theme = () => page.locator('[data-theme]').first().getAttribute('data-theme');
    await expect(theme()).resolves.toBe('dark');
    await page.evaluate(() => {
      (window as unknown as { teamsHost: { setTheme(theme: string): void } }).teamsHost.setTheme('default');
    });
    await expect.poll(theme).toBe('default');
    // The page fits the phone: it cannot be scrolled sideways.
    await expect(
      page.evaluate(() => {
        window.scrollTo(1000, 0);
        return window.scrollX;
      }),
    ).resolves.toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS_DIR}/mobile-my-plan.png` });
  }, 60_000);

  it('goes from the meeting’s panel to the plan history by in-app navigation, through the bridge', async () => {
    await meetingWithChloe('meeting-mobile');
    const page = await newPage({ phone: true });
    const console: string[] = [];
    page.on('console', (message) => console.push(message.text()));
    await page.goto(`${stack.url}/preview/mobile.html?person=morgan&view=sidepanel&meeting=meeting-mobile`);
    const link = page.getByRole('link', { name: 'Plan history' });
    await link.waitFor();
    // The link names the app by the id the host knows it by, not the manifest's.
    await expect(link.getAttribute('href')).resolves.toMatch(
      new RegExp(`^https://teams\\.microsoft\\.com/l/entity/${ORG_CATALOG_APP_ID}/myplan\\?context=`),
    );
    await page.screenshot({ path: `${SCREENSHOTS_DIR}/mobile-side-panel.png` });
    await Promise.all([page.waitForURL(/view=myplan/), link.click()]);
    await page.getByRole('heading', { name: 'Chloe Martin’s plan' }).waitFor();
    const chloe = stack.person('chloe').id;
    expect(console).toContain(
      `[Teams mobile] morgan → pages.currentApp.navigateTo ${JSON.stringify({ pageId: 'myplan', subPageId: `${chloe}/history` })} (native bridge)`,
    );
    expect(console.some((line) => line.includes('executeDeepLink'))).toBe(false);
  }, 60_000);
});

describe('going to the app’s own pages', () => {
  /** Morgan's side panel in the chosen host; "Plan history" clicked; Chloe's plan in the switched frame; what the host heard. */
  async function planHistoryIn(host: string): Promise<{ log: string; href: string | null }> {
    const page = await newPage();
    const query = new URLSearchParams({ layout: 'single', left: 'morgan:sidepanel', meeting: 'meeting-nav', host });
    await page.goto(`${stack.url}/preview.html?${query.toString()}`);
    const panel = await tabFrame(page, 'left');
    const link = panel.getByRole('link', { name: 'Plan history' });
    await link.waitFor();
    const href = await link.getAttribute('href');
    const switched = page.waitForEvent('framedetached', (frame) => frame === panel);
    await link.click();
    await switched;
    const plan = await tabFrame(page, 'left');
    await plan.getByRole('heading', { name: 'Chloe Martin’s plan' }).waitFor();
    const log = (await page.locator('#log').textContent()) ?? '';
    await page.context().close();
    return { log, href };
  }

  it('navigates within the app in Teams, Outlook and the Microsoft 365 app, whatever id the app has', async () => {
    await meetingWithChloe('meeting-nav');
    // The link lands on the history part of Chloe's plan.
    const target = JSON.stringify({ pageId: 'myplan', subPageId: `${stack.person('chloe').id}/history` });
    for (const host of ['teams', 'outlook', 'm365']) {
      const { log, href } = await planHistoryIn(host);
      expect(log, host).toContain(`morgan → pages.currentApp.navigateTo ${target} (frame)`);
      expect(log, host).not.toContain('executeDeepLink');
      expect(href, host).toContain(`/l/entity/${ORG_CATALOG_APP_ID}/myplan`);
    }
  }, 90_000);

  it('navigates to the app under the id the host knows it by where in-app navigation is missing', async () => {
    await meetingWithChloe('meeting-nav');
    const { log } = await planHistoryIn('teams-navigate-to-app');
    expect(log).toContain(`morgan → pages.navigateToApp {"appId":"${ORG_CATALOG_APP_ID}","pageId":"myplan"`);
    expect(log).not.toContain('pages.currentApp.navigateTo');
    expect(log).not.toContain(MANIFEST_APP_ID);
  }, 60_000);

  it('falls back to the deep link only on a host that offers nothing else', async () => {
    await meetingWithChloe('meeting-nav');
    const { log, href } = await planHistoryIn('teams-deep-link');
    expect(href).toContain(`/l/entity/${MANIFEST_APP_ID}/myplan`);
    expect(log).toContain(`morgan → executeDeepLink "https://teams.microsoft.com/l/entity/${MANIFEST_APP_ID}/myplan`);
    expect(log).not.toContain('pages.currentApp.navigateTo');
    expect(log).not.toContain('pages.navigateToApp');
  }, 60_000);
});
