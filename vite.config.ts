import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The tab's build. `--mode preview` adds the Teams host emulator (preview.html, and preview/mobile.html for
 * phones) used by `npm start`
 * and the browser tests; a production build holds the app alone.
 */
export default defineConfig(({ mode }) => ({
  root: resolve(import.meta.dirname, 'tab'),
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: resolve(import.meta.dirname, mode === 'preview' ? 'dist/tab-preview' : 'dist/tab'),
    emptyOutDir: true,
    target: 'es2022',
    // React, Fluent UI and teams-js make up the side panel's entry; the other surfaces load their own chunks.
    chunkSizeWarningLimit: 800,
    sourcemap: false,
    // The preview build says which file holds which module (dist/tab-preview/.vite/manifest.json): the bench tells the
    // first screen's JS from what loads after it.
    manifest: mode === 'preview',
    rolldownOptions: {
      input: {
        index: resolve(import.meta.dirname, 'tab/index.html'),
        ...(mode === 'preview'
          ? {
              preview: resolve(import.meta.dirname, 'tab/preview.html'),
              // Teams on a phone: the tab as the top window, with the native bridge instead of a frame.
              mobile: resolve(import.meta.dirname, 'tab/preview/mobile.html'),
            }
          : {}),
      },
      // Fluent UI marks its modules "use client" for React Server Components; a browser bundle ignores it.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
}));
