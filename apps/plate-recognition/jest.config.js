module.exports = {
  displayName: 'plate-recognition',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // The spec boots the app with a real recognition worker (models loaded, warmed up).
  testTimeout: 30_000,
};
