export * from './cuttable-proxy';
export * from './deployment-profile';
export * from './eventually';
export * from './infra-env';
export * from './release-all';
export * from './free-port';
