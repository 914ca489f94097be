export * from './correlation';
export * from './http-correlation.middleware';
export * from './logger';
export * from './telemetry';
export * from './nest-logger';
export * from './run-service';
export * from './redact';
export * from './native-parts';
