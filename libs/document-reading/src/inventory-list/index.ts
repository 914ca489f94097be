// The 随车清单 reader: its QR code found and decoded (zxing-wasm), the disclosure number and VIN parsed.
export * from './inventory-list.config';
export * from './inventory-list-payload';
export * from './inventory-list-pool';
export * from './inventory-list-reader';
