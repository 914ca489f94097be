// The embedded profile's tests (`npm run test:embedded`): *.embedded-spec.ts against a real
// PostgreSQL started from npm and the local filesystem; no Kafka, MinIO, Java or Go needed.
const preset = require('./jest.preset.js');

module.exports = {
  ...preset,
  displayName: 'embedded',
  rootDir: '.',
  roots: ['<rootDir>/libs'],
  testMatch: ['**/*.embedded-spec.ts'],
  maxWorkers: 1,
  testTimeout: 120_000,
};
