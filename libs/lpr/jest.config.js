module.exports = {
  displayName: 'lpr',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // onnxruntime's native outputs must pass its instanceof checks inside Jest's realm.
  testEnvironment: '<rootDir>/src/testing/onnx-test-environment.js',
};
