// In-process entry for the ledger's integration tests and the standalone app: the reference
// stage-lookup source (docs/stage-lookup.md) with scriptable faults.
export * from './stage-lookup-auth';
export * from './stage-lookup-faults';
export * from './stage-record.builder';
export * from './start-stage-lookup-simulator';
