export * from './eventually';
export * from './infra-env';
