import { readFileSync, readdirSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

/** Builds the page in `root` the way the tab is built and answers the gzip bytes of its JS, file by file. */
async function pageGzip(root: string): Promise<number> {
  const outDir = mkdtempSync(join(tmpdir(), 'bench-minimal-'));
  try {
    await build({
      configFile: false,
      root,
      logLevel: 'warn',
      build: {
        outDir,
        emptyOutDir: true,
        target: 'es2022',
        chunkSizeWarningLimit: 800,
        rolldownOptions: {
          onLog(level, log, handler) {
            if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
            handler(level, log);
          },
        },
      },
    });
    const assets = join(outDir, 'assets');
    return readdirSync(assets)
      .filter((file) => file.endsWith('.js'))
      .reduce((sum, file) => sum + gzipSync(readFileSync(join(assets, file))).length, 0);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** The gzip size of a minimal React + Fluent + teams-js page built like the tab: one Button. */
export function minimalPageGzip(): Promise<number> {
  return pageGzip(join(import.meta.dirname, 'minimal'));
}

/**
 * The gzip size of a page built like the tab that renders the Fluent components of the side panel's first screens
 * and nothing of the app: the floor the side panel's JS is compared with.
 */
export function minimalFluentPageGzip(): Promise<number> {
  return pageGzip(join(import.meta.dirname, 'minimal', 'fluent'));
}

/**
 * The gzip size of the JS the production build's side panel page (tab/index.html) loads before anything else: its
 * entry and every chunk the page names up front (script and modulepreload), built with the tab's own Vite config.
 * The preview build's app pages are built the same way (vite.config.ts), so the side panel measured in the browser
 * loads these same files.
 */
export async function sidePanelProductionGzip(): Promise<{ gzip: number; files: number }> {
  const outDir = mkdtempSync(join(tmpdir(), 'bench-production-'));
  try {
    await build({
      configFile: join(import.meta.dirname, '../../vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    const files = [...new Set([...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((match) => match[1]!))];
    const gzip = files.reduce((sum, file) => sum + gzipSync(readFileSync(join(outDir, file))).length, 0);
    return { gzip, files: files.length };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
