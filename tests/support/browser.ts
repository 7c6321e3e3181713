import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with no background traffic (this machine has no network beyond loopback). */
export async function launchBrowser(): Promise<Browser> {
  try {
    return await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  } catch (error) {
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM_PATH} and could not start it.\n` +
        'Install it with: sudo apt-get update && sudo apt-get install -y chromium\n' +
        '(or set CHROMIUM_PATH to another Chromium). Cause: ' +
        (error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)),
    );
  }
}

/** teams-js asks a Microsoft CDN for its valid-domains list on load; answer it here, and allow nothing else off this machine. */
export async function isolate(context: BrowserContext): Promise<void> {
  await context.route(
    (url) => !['127.0.0.1', 'localhost'].includes(url.hostname),
    (route) => {
      const url = new URL(route.request().url());
      if (url.pathname.endsWith('validDomains.json') || url.pathname.includes('/teams-js/')) {
        return route.fulfill({
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({ validOrigins: [] }),
        });
      }
      return route.abort('blockedbyclient');
    },
  );
}
