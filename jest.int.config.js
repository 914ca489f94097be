// Integration tests (`npm run test:int`): *.int-spec.ts against the real Postgres, Kafka and MinIO
// that `npm run infra:up` started. Two files at a time (ECOGATE_INT_WORKERS): each makes its own
// databases, topic prefix, consumer groups and enterprises, and most of a file's time is waiting on
// timers and brokers, not the CPU.
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
  maxWorkers: Number(process.env['ECOGATE_INT_WORKERS'] ?? 2),
  testTimeout: 120_000,
};
