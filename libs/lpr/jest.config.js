module.exports = {
  displayName: 'lpr',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // onnxruntime's native outputs must pass its instanceof checks inside Jest's realm.
  testEnvironment: '<rootDir>/src/testing/onnx-test-environment.js',
  // Tests load the real models and start worker threads; a busy 2-core machine needs headroom.
  testTimeout: 30_000,
};
