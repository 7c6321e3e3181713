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
