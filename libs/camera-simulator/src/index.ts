export * from './camera-simulator';
export * from './hikvision-format';
export * from './samples';
export * from './vzenith-format';
