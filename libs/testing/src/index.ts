export * from './cuttable-proxy';
export * from './eventually';
export * from './infra-env';
export * from './release-all';
export * from './event-bus-contract';
export * from './object-storage-contract';
