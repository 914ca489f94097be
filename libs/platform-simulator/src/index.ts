// In-process entry for other apps' integration tests: start the reference platform simulator.
export * from './faults/fault-settings.schema';
export * from './platform-simulator.options';
export * from './start-platform-simulator';
export * from './testing/simulator-test-client';
