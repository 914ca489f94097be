import { type StageRecord, type WireStage } from '@ecogate/contracts';

/** A source record for tests and seeds: a 国VI diesel truck unless told. */
export const aStageRecord = (
  overrides: Partial<StageRecord> & { readonly stage?: WireStage } = {},
): StageRecord => ({
  recordId: 'rec-0001',
  stage: 'VI',
  fuel: 'diesel',
  vehicleType: 'heavy-truck',
  disclosureNumber: null,
  vin: 'LFWSRXRJ8M1E00001',
  updatedAt: '2026-03-01T08:00:00+08:00',
  ...overrides,
});
