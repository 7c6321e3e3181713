import { join } from 'node:path';
import { build } from 'vite';
import { REPO_ROOT } from './dev-env';

/** Builds the tab with the host emulator into dist/tab-preview, as `npm start` and the browser tests serve it. */
export async function buildTabPreview(): Promise<string> {
  await build({ configFile: join(REPO_ROOT, 'vite.config.ts'), mode: 'preview', logLevel: 'warn' });
  return join(REPO_ROOT, 'dist/tab-preview');
}
