// Jest runs each test file in its own realm, so a Float32Array made by onnxruntime's native code
// fails onnxruntime's own `instanceof Float32Array` check there ("A float32 tensor's data must be
// type of function Float32Array()"). Sharing the host's typed-array constructors with the test
// realm makes both sides agree. Only this lib's tests need it: services run the models in workers.
const { TestEnvironment } = require('jest-environment-node');

const SHARED = [
  'ArrayBuffer',
  'SharedArrayBuffer',
  'DataView',
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
];

class OnnxTestEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of SHARED) this.global[name] = globalThis[name];
  }
}

module.exports = OnnxTestEnvironment;
