import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { launchBrowser } from '../support/browser';
import { SCREENSHOTS_DIR, SITE_DIR, openPreview, type PreviewOptions } from '../support/preview';
import { startTestStack, type TestStack } from '../support/stack';

/**
 * The browser tests' harness: one browser for the file, a fresh stack (empty storage) for every
 * test, so that no test depends on what another left behind or on the order they run in; browser
 * contexts a test opens are closed after it.
 */
export function useBrowserAndStack() {
  let browser: Browser | undefined;
  let stack: TestStack | null = null;
  let contexts: BrowserContext[] = [];
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    stack = await startTestStack({ siteDir: SITE_DIR });
  });
  afterEach(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    contexts = [];
    await stack?.close();
    stack = null;
  });
  const harness = {
    get browser(): Browser {
      if (!browser) throw new Error('The browser did not start.');
      return browser;
    },
    get stack(): TestStack {
      if (!stack) throw new Error('This test has no stack.');
      return stack;
    },
    /** Closes the context after the test. */
    track(context: BrowserContext): BrowserContext {
      contexts.push(context);
      return context;
    },
    /** The host emulator page on this test's stack. */
    async openPreview(options: PreviewOptions) {
      const opened = await openPreview(harness.browser, harness.stack, options);
      harness.track(opened.context);
      return opened;
    },
  };
  return harness;
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Serious and critical accessibility violations in a page or frame, by axe-core: of every rule, or of the rules
 * tagged `tags` (such as the WCAG 2.2 AA set).
 */
export async function axeViolations(target: Frame | Page, tags?: readonly string[]): Promise<string[]> {
  await target.evaluate(AXE_SOURCE);
  const results = await target.evaluate(async (only) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: object,
            options: object,
          ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    // Tabster (Fluent UI's focus manager) inserts hidden <i data-tabster-dummy> focus guards that hand
    // focus straight on; axe cannot know that, so they are left out of the scan.
    return axe.run(
      { include: [document], exclude: [['[data-tabster-dummy]']] },
      { resultTypes: ['violations'], ...(only ? { runOnly: { type: 'tag', values: only } } : {}) },
    );
  }, tags ?? null);
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** Serious and critical accessibility violations of any axe-core rule. */
export function seriousViolations(target: Frame | Page): Promise<string[]> {
  return axeViolations(target);
}

/** Opens an agenda section that is folded away (sections fold to keep the 280-px panel short). */
export async function openSection(frame: Frame, title: string): Promise<void> {
  const section = frame.locator('details', { has: frame.getByRole('heading', { name: title, level: 3 }) });
  if ((await section.getAttribute('open')) === null) await section.locator('summary').click();
}
