// Public entry of the vehicle-document readers: the 随车清单's QR code and the 行驶证's printed fields.
export * from './driving-licence';
export * from './inventory-list';
