// All unit tests in one run (the `npm test` script runs them per project through Nx, with caching).
module.exports = {
  projects: [
    '<rootDir>/apps/*/jest.config.js',
    '<rootDir>/libs/*/jest.config.js',
    '<rootDir>/deploy/*/jest.config.js',
  ],
};
