module.exports = {
  displayName: 'camera-simulator',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // A thin main.ts over libs/camera-simulator, which has the tests.
  passWithNoTests: true,
};
