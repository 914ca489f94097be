export * from './event-topics';
export * from './onvif-client';
export * from './onvif-error';
export * from './pull-point-subscription';
export * from './device-address';
