// Two projects: pure domain tests, and integration tests that boot a real Strapi on a real database
// (SQLite by default, Postgres with DATABASE_CLIENT=postgres), seeded once per run.
const transform = {
  '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
};

module.exports = {
  // A global option (jest ignores it per project): a guard against a hang, not a speed check
  // (speed is measured by scripts/bench). Booting Strapi and running the catalog commands in child
  // processes takes seconds, and the longest test (fuzz.test.ts, a corpus of requests) took 108 s
  // on a loaded 2-core machine running one file at a time, 190 s running two (as CI does).
  testTimeout: 600000,
  projects: [
    {
      displayName: 'domain',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/domain/**/*.test.ts'],
    },
    {
      displayName: 'strapi',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
