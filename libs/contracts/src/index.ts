export * from './common';
export * from './envelope';
export * from './topic-map';
export * from './topics/anpr';
export * from './topics/camera';
export * from './topics/gate';
export * from './topics/ledger';
