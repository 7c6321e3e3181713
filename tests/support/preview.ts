import { join } from 'node:path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { REPO_ROOT } from '../../functions/dev/dev-env';
import { isolate } from './browser';
import type { TestStack } from './stack';

export const SITE_DIR = join(REPO_ROOT, 'dist/tab-preview');
export const SCREENSHOTS_DIR = join(REPO_ROOT, 'test-results/screenshots');

export interface PreviewOptions {
  left: string;
  right?: string;
  meeting?: string;
  chat?: string;
  theme?: 'default' | 'dark' | 'contrast';
}

/** Opens the host emulator page with the given people and surfaces ("morgan:sidepanel", "ava:myplan"). */
export async function openPreview(
  browser: Browser,
  stack: TestStack,
  options: PreviewOptions,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await isolate(context);
  const page = await context.newPage();
  const query = new URLSearchParams({ left: options.left });
  if (options.right) query.set('right', options.right);
  else query.set('layout', 'single');
  if (options.meeting) query.set('meeting', options.meeting);
  if (options.chat) query.set('chat', options.chat);
  if (options.theme) query.set('theme', options.theme);
  await page.goto(`${stack.url}/preview.html?${query.toString()}`);
  return { context, page };
}

/** The tab inside one of the emulator's frames. */
export async function tabFrame(page: Page, side: 'left' | 'right'): Promise<Frame> {
  const handle = await page.waitForSelector(`iframe[name="tab-${side}"]`);
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`No tab in the ${side} frame.`);
  return frame;
}

/** What the person sees in one frame of the emulator: the visible part of the panel, sticky parts included. */
export async function screenshotFrame(page: Page, side: 'left' | 'right', name: string): Promise<void> {
  const handle = await page.waitForSelector(`iframe[name="tab-${side}"]`);
  await handle.screenshot({ path: join(SCREENSHOTS_DIR, name) });
}
