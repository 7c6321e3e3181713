import { join } from 'node:path';
import { build } from 'vite';
import { SITE_MODES } from '../../vite.config';
import { REPO_ROOT } from './dev-env';

/**
 * Builds the preview site that `npm start`, the browser tests and the bench serve: the app's pages built exactly as
 * production builds them (only the add-in's Office.js is the local stand-in), then the Teams host emulator beside
 * them, each part a build of its own into one folder (vite.config.ts says why). Always a production build, whatever NODE_ENV the caller runs under (Vitest sets "test", which would give
 * React's development runtime, the answer checks of development builds and Griffel's test stubs): what the browser
 * tests drive is what people get.
 */
export async function buildTabPreview(outDir = join(REPO_ROOT, 'dist/tab-preview')): Promise<string> {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    for (const mode of SITE_MODES.preview) {
      await build({ configFile: join(REPO_ROOT, 'vite.config.ts'), mode, logLevel: 'warn', build: { outDir } });
    }
  } finally {
    if (before === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = before;
  }
  return outDir;
}
