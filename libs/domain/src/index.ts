// Public entry of the domain model: pure TypeScript, no framework, no I/O, no clock.
export * from './shared/result';
export * from './plate';
export * from './vin';
export * from './vehicle';
export * from './emission';
export * from './enterprise';
export * from './alert';
export * from './ledger';
export * from './statistics';
export * from './anpr';
export * from './hashing/sm3';
export * from './loading-area';
