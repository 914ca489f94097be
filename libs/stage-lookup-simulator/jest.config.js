module.exports = {
  displayName: 'stage-lookup-simulator-lib',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
