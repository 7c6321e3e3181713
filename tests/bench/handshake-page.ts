import { join } from 'node:path';
import { build } from 'vite';

/**
 * The minimal React + Fluent page that does what the side panel must before its agenda is usable (the teams-js
 * handshake, the SSO token, the panel's one API request) and renders its agenda as checkboxes (source in
 * `minimal/handshake/`, beside the other minimal pages, whose browser code has
 * its own tsconfig). Built like the tab, into `<siteDir>/bench-handshake/`, so the
 * local stack serves it from the tab's own origin with the tab's headers, framed by the same emulator.
 * Returns the page's path on the site.
 */
export async function buildHandshakePage(siteDir: string): Promise<string> {
  const base = '/bench-handshake/';
  await build({
    configFile: false,
    root: join(import.meta.dirname, 'minimal', 'handshake'),
    base,
    logLevel: 'warn',
    build: {
      outDir: join(siteDir, 'bench-handshake'),
      emptyOutDir: true,
      target: 'es2022',
      chunkSizeWarningLimit: 800,
      sourcemap: false,
      rolldownOptions: {
        onLog(level, log, handler) {
          if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
          handler(level, log);
        },
      },
    },
  });
  return `${base}index.html`;
}
