// StrykerJS (`npm run mutation`, through scripts/mutation.ts, which then prints the score per folder):
// changes the rules one at a time — a `<` made `<=`, a condition made `true`, a message emptied — and
// checks that some unit test fails each time. Only the domain, the HTTP layer and the contract are
// mutated: they hold the rules the tests must defend. Not part of `npm test`: it takes half an hour.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: ['functions/src/domain/**/*.ts', 'functions/src/http/**/*.ts', 'functions/src/contract/**/*.ts'],
  // Each mutant runs only the tests that reach it.
  coverageAnalysis: 'perTest',
  // Two cores, shared with other work.
  concurrency: 2,
  // Every run tests every mutant. `npm run mutation -- --incremental` reuses the last run's results
  // (reports/stryker-incremental.json) for unchanged code and tests, which is quicker while writing
  // tests but keeps the old verdict on mutants that act as a module loads (a schema, a table of
  // words): Stryker cannot tell which tests reach those, so new tests do not re-judge them.
  incremental: false,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  // The worktree's node_modules may be a symbolic link, which git does not see as ignored.
  ignorePatterns: ['node_modules', 'dist', '.data', 'test-results', 'bench-results'],
  // The score script judges the targets per folder; Stryker's own thresholds only colour its table.
  thresholds: { high: 85, low: 75, break: null },
  // A busy machine runs the tests slower than the dry run measured.
  timeoutMS: 10_000,
  tempDirName: '.stryker-tmp',
};
