// Integration tests (`npm run test:int`): *.int-spec.ts against the real Postgres, Kafka and MinIO
// that `npm run infra:up` started. One file at a time: each makes its own databases, topic prefix
// and consumer groups, but many assert delivery under faults and outages within a time, which two
// files at once on a 2-core runner (beside the unit tests) made miss (tried 2026-12-07).
const preset = require('./jest.preset.js');

module.exports = {
  ...preset,
  displayName: 'integration',
  rootDir: '.',
  roots: ['<rootDir>/apps', '<rootDir>/libs'],
  testMatch: ['**/*.int-spec.ts'],
  globalSetup: '<rootDir>/libs/testing/src/global-setup.js',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.js',
  testEnvironment: '<rootDir>/libs/testing/src/leak-checking-environment.js',
  maxWorkers: 1,
  testTimeout: 120_000,
};
