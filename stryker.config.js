// StrykerJS (`npm run mutation`): changes the rules one at a time — a `<` made `<=`, a condition made
// `true`, a message emptied — and checks that some unit test fails each time. Only the domain, the
// HTTP layer and the contract are mutated: they hold the rules the tests must defend. Not part of
// `npm test` (it takes minutes); scripts/mutation-score.ts prints the score per folder afterwards.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: ['functions/src/domain/**/*.ts', 'functions/src/http/**/*.ts', 'functions/src/contract/**/*.ts'],
  coverageAnalysis: 'perTest',
  // Two cores, shared with other work.
  concurrency: 2,
  // A re-run tests only the mutants whose code or covering tests changed (reports/stryker-incremental.json);
  // `npm run mutation -- --force` runs them all again.
  incremental: true,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  // The worktree's node_modules may be a symbolic link, which git does not see as ignored.
  ignorePatterns: ['node_modules', 'dist', '.data', 'test-results', 'bench-results'],
  thresholds: { high: 85, low: 75, break: null },
  // A busy machine runs the tests slower than the dry run measured.
  timeoutMS: 10_000,
  tempDirName: '.stryker-tmp',
};
