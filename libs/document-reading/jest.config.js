module.exports = {
  displayName: 'document-reading',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // The OCR models run through onnxruntime: its typed arrays must pass instanceof checks in Jest's realm.
  testEnvironment: '<rootDir>/../lpr/src/testing/onnx-test-environment.js',
};
