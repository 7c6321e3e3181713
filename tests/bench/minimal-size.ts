import { readFileSync, readdirSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

/** The gzip size of a minimal React + Fluent + teams-js page built like the tab. */
export async function minimalPageGzip(): Promise<number> {
  const outDir = mkdtempSync(join(tmpdir(), 'bench-minimal-'));
  try {
    await build({
      configFile: false,
      root: join(import.meta.dirname, 'minimal'),
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
