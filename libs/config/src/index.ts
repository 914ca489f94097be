export * from './config-error';
export * from './define-config';
export * from './env-fields';
export * from './infrastructure';
export * from './secret';
export * from './device-networks';
export * from './profile';
