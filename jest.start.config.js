// `npm run test:start`: `npm start` itself, as a user runs it (apps/launcher/src/*.start-spec.ts):
// with a PATH holding only Node.js, Ctrl-C, and a power cut in the middle of camera pushes.
const preset = require('./jest.preset.js');

module.exports = {
  ...preset,
  displayName: 'start',
  rootDir: '.',
  roots: ['<rootDir>/apps/launcher'],
  testMatch: ['**/*.start-spec.ts'],
  maxWorkers: 1,
  testTimeout: 600_000,
};
