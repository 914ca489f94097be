module.exports = {
  displayName: 'charts',
  preset: '../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/tools/**/*.spec.ts'],
};
