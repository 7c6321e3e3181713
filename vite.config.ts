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

/** A site the build makes: what ships (dist/tab), or that with the Teams host emulator (dist/tab-preview). */
export type Site = 'production' | 'preview';

/**
 * Each part of a site is a build of its own, run in this order into one folder (the first empties it), its mode
 * `<site>` or `<site>-<part>`: the side panel and tabs (index.html), the Outlook add-in's task pane (addin.html,
 * the manifest's extensions), and in the preview the host emulator (preview.html, preview/mobile.html for phones,
 * preview/outlook.html for Outlook's meeting form). Apart, the app's pages each load their first screen in one file:
 * built together, the pages would share chunks, and the side panel would wait for 7 files (36 beside the emulator)
 * instead of 2.
 */
export const SITE_MODES: Record<Site, readonly string[]> = {
  production: ['production', 'production-addin'],
  preview: ['preview', 'preview-addin', 'preview-host'],
};

const PAGES: Record<string, Record<string, string>> = {
  tab: { index: resolve(import.meta.dirname, 'tab/index.html') },
  addin: { addin: resolve(import.meta.dirname, 'tab/addin.html') },
  host: {
    preview: resolve(import.meta.dirname, 'tab/preview.html'),
    mobile: resolve(import.meta.dirname, 'tab/preview/mobile.html'),
    outlook: resolve(import.meta.dirname, 'tab/preview/outlook.html'),
  },
};

/** `vite build` alone (mode "production") builds the side panel and tabs; `npm run build` builds every part. */
export default defineConfig(({ mode }) => {
  const site: Site = mode.startsWith('preview') ? 'preview' : 'production';
  const part = mode.split('-')[1] ?? 'tab';
  const pages = PAGES[part];
  if (!pages) throw new Error(`The mode "${mode}" names no part of the site (${Object.keys(PAGES).join(', ')}).`);
  return {
    root: resolve(import.meta.dirname, 'tab'),
    base: '/',
    logLevel: 'warn',
    plugins: [
      // Griffel's ahead-of-time compilation, as Fluent UI documents it: each makeStyles call becomes its class names and
      // CSS at build time, so the page ships neither the style objects nor the CSS compiler that turns them into rules.
      // To evaluate a style's imports (tokens, the contract's limits) it reads TypeScript files itself.
      griffel({ babelOptions: { presets: ['@babel/preset-typescript'] } }),
      ...(site === 'preview' ? [officeStandIn()] : []),
    ],
    build: {
      outDir: resolve(import.meta.dirname, site === 'preview' ? 'dist/tab-preview' : 'dist/tab'),
      // The later parts go in beside the first.
      emptyOutDir: part === 'tab',
      target: 'es2022',
      // React, Fluent UI and teams-js make up the side panel's entry; the other surfaces load their own chunks.
      chunkSizeWarningLimit: 800,
      sourcemap: false,
      // The preview build says which file holds which module (dist/tab-preview/.vite/manifest.json): the bench tells the
      // first screen's JS from what loads after it.
      manifest: site === 'preview' && part === 'tab',
      rolldownOptions: {
        input: pages,
        // What the app's page loads before anything else, in one file (with the bundler's small runtime): every
        // request of a cold load costs a round trip, and one file compresses better than several. Later chunks import
        // from it. Only where the build has one page: the group would merge several pages' entries into one file.
        ...(Object.keys(pages).length === 1
          ? { output: { codeSplitting: { groups: [{ name: 'first-screen', tags: ['$initial' as const] }] } } }
          : {}),
        // Fluent UI marks its modules "use client" for React Server Components; a browser bundle ignores it.
        onLog(level, log, handler) {
          if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
          handler(level, log);
        },
      },
    },
  };
});
