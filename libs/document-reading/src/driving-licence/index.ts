// The 行驶证 reader: PP-OCRv4 line detection and recognition, fields by their printed labels.
export * from './driving-licence.config';
export * from './driving-licence-engine';
export * from './driving-licence-pool';
export * from './driving-licence-reader';
export * from './licence-fields';
export * from './text-boxes';
export * from './text-detector';
export * from './text-lines';
export * from './vehicle-type-name';
