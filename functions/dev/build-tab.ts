import { join } from 'node:path';
import { build } from 'vite';
import { REPO_ROOT } from './dev-env';

/**
 * Builds the tab with the host emulator into dist/tab-preview, as `npm start` and the browser tests serve it. Always a
 * production build, whatever NODE_ENV the caller runs under (Vitest sets "test", which would give React's development
 * runtime, the answer checks of development builds and Griffel's test stubs): what the browser tests drive is what
 * people get.
 */
export async function buildTabPreview(): Promise<string> {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(REPO_ROOT, 'vite.config.ts'), mode: 'preview', logLevel: 'warn' });
  } finally {
    if (before === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = before;
  }
  return join(REPO_ROOT, 'dist/tab-preview');
}
