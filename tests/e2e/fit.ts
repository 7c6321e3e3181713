import { teamsLightTheme } from '@fluentui/react-components';
import type { Frame, Page } from 'playwright-core';
import { axeViolations } from './harness';

/**
 * How the browser tests look at the fit of a surface: sizes of the Teams frame, text size, theme, what pokes out
 * sideways, what the footer covers, and an axe scan with the WCAG 2.2 AA rules.
 */

export type Theme = 'default' | 'dark' | 'contrast';
export const THEMES: readonly Theme[] = ['default', 'dark', 'contrast'];
/** The side panel in a Teams window of 600 px, and a phone's 320 × 480. */
export const PANEL_SIZES: readonly { width: number; height: number }[] = [
  { width: 280, height: 600 },
  { width: 320, height: 480 },
];
export const TEXT_SCALES: readonly number[] = [1, 2];

/** Resizes one side's frame in the host emulator, as a narrow or short Teams window would. */
export async function setFrameSize(page: Page, side: 'left' | 'right', width: number, height: number): Promise<void> {
  await page.waitForSelector(`iframe[name="tab-${side}"]`);
  await page.evaluate(
    ({ side, width, height }) => {
      const frame = document.querySelector<HTMLIFrameElement>(`iframe[name="tab-${side}"]`);
      if (!frame) throw new Error('no frame');
      frame.style.minHeight = '0';
      frame.style.width = `${width}px`;
      frame.style.height = `${height}px`;
      const stage = frame.closest<HTMLElement>('.stage');
      if (stage) stage.style.flex = '0 0 auto';
    },
    { side, width, height },
  );
}

/**
 * Text at `scale` times its size, as a phone's text size setting (Android's text zoom, iOS's larger Dynamic Type
 * sizes) does to the app's web view: every font size and line height of Fluent's type ramp, and the root font size,
 * grow; the layout's own widths do not. Fluent's tokens are CSS custom properties on each provider element (portals
 * included), so the override reaches every Fluent text.
 */
export async function setTextScale(frame: Frame, scale: number): Promise<void> {
  const ramp = Object.entries(teamsLightTheme)
    .filter(([name]) => /^(fontSize|lineHeight)/.test(name))
    .map(([name, value]) => `--${name}: ${parseFloat(String(value)) * scale}px !important;`)
    .join(' ');
  await frame.evaluate(
    ({ css }) => {
      let style = document.getElementById('test-text-scale');
      if (!style) {
        style = document.createElement('style');
        style.id = 'test-text-scale';
        document.head.append(style);
      }
      style.textContent = css;
    },
    {
      css:
        scale === 1 ? '' : `html { font-size: ${scale * 100}% !important; } [class*="fui-FluentProvider"] { ${ramp} }`,
    },
  );
  // Let layout and the footer's measurement settle.
  await frame.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** Switches the host's theme the way Teams does, live (the host emulator's theme list). */
export async function setTheme(page: Page, theme: Theme): Promise<void> {
  await page.selectOption('#theme', theme);
}

export async function waitForTheme(frame: Frame, theme: Theme): Promise<void> {
  await frame.waitForFunction(
    (wanted) => document.querySelector('[data-theme]')?.getAttribute('data-theme') === wanted,
    theme,
  );
}

/**
 * Everything that pokes out of the surface sideways: the page must not scroll sideways, and no visible element may
 * reach past its edges (the panel clips overflow, so the page's scroll width alone would not show it).
 */
export function sidewaysOverflow(frame: Frame): Promise<string[]> {
  return frame.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    if (document.documentElement.scrollWidth > width)
      found.push(`page scrolls: ${document.documentElement.scrollWidth}`);
    /** Inside a box that clips to (almost) nothing: text for screen readers only. */
    const hiddenByBox = (element: Element): boolean => {
      for (let box = element.parentElement; box; box = box.parentElement) {
        const style = getComputedStyle(box);
        if (style.overflow !== 'visible' && box.getBoundingClientRect().width <= 1) return true;
      }
      return false;
    };
    for (const element of Array.from(document.querySelectorAll('main *'))) {
      const rect = element.getBoundingClientRect();
      // Skip links wait off-screen, and text for screen readers only is one pixel wide.
      if (rect.width <= 1 || rect.height <= 1 || rect.right < 0 || hiddenByBox(element)) continue;
      if (rect.right > width + 0.5 || rect.left < -0.5) {
        found.push(`${element.tagName.toLowerCase()} "${element.textContent.slice(0, 40)}" ${rect.left}–${rect.right}`);
      }
    }
    return found;
  });
}

/** Text that Fluent's fixed-height controls cut off: an input, select or button whose text is taller than the box. */
export function clippedControls(frame: Frame): Promise<string[]> {
  return frame.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('main input, main select, main button, main textarea')).flatMap(
      (control) => {
        const rect = control.getBoundingClientRect();
        if (rect.width <= 1 || rect.height <= 1) return [];
        const style = getComputedStyle(control);
        const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
        const box = control.tagName === 'SELECT' || control.tagName === 'INPUT' ? control : control;
        const inner = box.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
        const text = (control as HTMLInputElement).value || control.textContent;
        return text.trim() !== '' && inner + 1 < Math.min(line, parseFloat(style.fontSize) * 1.15)
          ? [`${control.tagName.toLowerCase()} "${text.slice(0, 30)}": ${inner}px for ${line}px of text`]
          : [];
      },
    ),
  );
}

/** The share of the panel's height the footer covers while it stays in view; 0 when it sits at the end of the page. */
export function footerCover(frame: Frame): Promise<number> {
  return frame.evaluate(() => {
    const footer = document.getElementById('agree');
    if (!footer || getComputedStyle(footer).position !== 'sticky') return 0;
    return footer.getBoundingClientRect().height / window.innerHeight;
  });
}

/**
 * Tabs through the whole page from the top and answers every stop whose focused control ends up (partly) under the
 * footer that stays in view (WCAG 2.2, 2.4.11), and how many stops there were.
 */
export async function focusUnderFooter(
  page: Page,
  frame: Frame,
  maxStops = 120,
): Promise<{ stops: number; hidden: string[] }> {
  await frame.locator('body').evaluate((body) => {
    window.scrollTo(0, 0);
    body.tabIndex = -1;
    body.focus();
    body.removeAttribute('tabindex');
  });
  const hidden: string[] = [];
  const seen = new Set<string>();
  let stops = 0;
  for (let step = 0; step < maxStops; step += 1) {
    await page.keyboard.press('Tab');
    const where = await frame.evaluate(() => {
      const active = document.activeElement;
      if (!active || active === document.body) return null;
      const footer = document.getElementById('agree');
      const rect = active.getBoundingClientRect();
      const label = `${active.tagName.toLowerCase()}#${active.id} "${(active.getAttribute('aria-label') ?? active.textContent).slice(0, 30)}"`;
      const key = `${label}@${Math.round(rect.top + window.scrollY)}`;
      if (!footer || footer.contains(active) || getComputedStyle(footer).position !== 'sticky')
        return { key, under: false, label };
      const top = footer.getBoundingClientRect().top;
      return { key, under: rect.bottom > top + 0.5, label };
    });
    if (!where) break;
    if (seen.has(where.key)) break;
    seen.add(where.key);
    stops += 1;
    if (where.under) hidden.push(where.label);
  }
  return { stops, hidden };
}

/** Serious and critical violations of the WCAG 2.0–2.2 A and AA rules, by axe-core. */
export function wcagViolations(target: Frame | Page): Promise<string[]> {
  return axeViolations(target, ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
}
