import { defineConfig } from 'vitest/config';

/**
 * The tests StrykerJS runs against each mutant (`npm run mutation`, stryker.config.mjs): the unit tests
 * that reach the domain, the contract and the HTTP layer.
 * - No global setup: the browser tests' tab build is not needed here.
 * - No integration tests: each starts Azurite and the local host, and every mutant of the HTTP layer
 *   would run all of them — hours on this machine.
 * - Not the unit tests of the manifest, the infrastructure, the deploy scripts or the Agents Toolkit
 *   (they reach none of the mutated folders), nor those of the Azure entry (they register every route
 *   with @azure/functions' test mode, which needs a module graph of its own per file).
 * - One module graph per run (`isolate: false`): a mutant that changes what a module does as it loads
 *   (a schema, a table of limits) re-runs every test file that imports it, and importing zod and the
 *   domain once per run instead of once per file makes those runs several times faster. Stryker starts
 *   each run afresh, so every run still loads the mutated module anew.
 */
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    exclude: [
      'tests/unit/app-package.test.ts',
      'tests/unit/app-start.test.ts',
      'tests/unit/azure-entry.test.ts',
      'tests/unit/deploy-scripts.test.ts',
      'tests/unit/infra.test.ts',
      'tests/unit/toolkit.test.ts',
    ],
    isolate: false,
    testTimeout: 30_000,
  },
});
