import { resolve } from 'node:path';
import griffel from '@griffel/vite-plugin';
import { defineConfig, type Plugin } from 'vite';

/** Where Outlook add-ins load Office.js from (Microsoft's CDN); addin.html names it. */
export const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/**
 * The preview build's Outlook: addin.html gets the local Office.js stand-in (tab/preview/office-stand-in.ts, which
 * answers only the calls the add-in makes, through the preview's Outlook compose page) in place of the CDN file.
 */
function officeStandIn(): Plugin {
  return {
    name: 'office-stand-in',
    transformIndexHtml: {
      order: 'pre',
      handler(html, context) {
        if (!context.filename.endsWith('addin.html')) return html;
        const tag = `<script src="${OFFICE_JS_CDN}"></script>`;
        if (!html.includes(tag)) throw new Error(`addin.html must load Office.js with ${tag}.`);
        return html.replace(tag, '<script type="module" src="/preview/office-stand-in.ts"></script>');
      },
    },
  };
}

/**
 * The tab's build. `--mode preview` adds the Teams host emulator (preview.html, and preview/mobile.html for
 * phones) used by `npm start`
 * and the browser tests; a production build holds the app alone.
 */
export default defineConfig(({ mode }) => ({
  root: resolve(import.meta.dirname, 'tab'),
  base: '/',
  logLevel: 'warn',
  plugins: [
    // Griffel's ahead-of-time compilation, as Fluent UI documents it: each makeStyles call becomes its class names and
    // CSS at build time, so the page ships neither the style objects nor the CSS compiler that turns them into rules.
    // To evaluate a style's imports (tokens, the contract's limits) it reads TypeScript files itself.
    griffel({ babelOptions: { presets: ['@babel/preset-typescript'] } }),
    ...(mode === 'preview' ? [officeStandIn()] : []),
  ],
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
        // The Outlook add-in's task pane (the manifest's extensions: the organizer's meeting form).
        addin: resolve(import.meta.dirname, 'tab/addin.html'),
        ...(mode === 'preview'
          ? {
              preview: resolve(import.meta.dirname, 'tab/preview.html'),
              // Teams on a phone: the tab as the top window, with the native bridge instead of a frame.
              mobile: resolve(import.meta.dirname, 'tab/preview/mobile.html'),
              // Outlook's meeting form for the add-in: the invite, its ribbon button and the task pane.
              outlook: resolve(import.meta.dirname, 'tab/preview/outlook.html'),
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
