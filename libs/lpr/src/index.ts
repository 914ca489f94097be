// Public entry of the plate-recognition engine.
export * from './engine/engine-warm-up';
export * from './engine/lpr-logger';
export * from './engine/model-manifest';
export * from './engine/onnx-model';
export * from './engine/plate-engine.factory';
export * from './engine/plate-engine.interface';
export * from './image/bilinear-resize';
export * from './image/bmp-decoder';
export * from './image/decode-failure';
export * from './image/image-decoder';
export * from './image/image-format';
export * from './image/perspective-warp';
export * from './image/raw-image';
export * from './lpr.config';
export * from './pool/recognition-pool';
export * from './pool/worker-protocol';
export * from './ppocr-plate-recogniser/ppocr-alphabet';
export * from './ppocr-plate-recogniser/ppocr-plate-recogniser';
export * from './recognition/in-process-runner';
export * from './recognition/plate-candidate';
export * from './recognition/plate-pipeline';
export * from './recognition/plate-reader';
export * from './recognition/read-gate';
export * from './recognition/recognition-result';
export * from './yolo-plate-detector/yolo-plate-detector';
// Generated test images (BMP encoder, header-only huge JPEG, plate-less scene) for this lib's and the service's tests.
export * as lprTestImages from './testing/image-builders';
