/** Tests only: reads and vehicles as the ledger answers them. */
import { type DocumentRead, type StageReview, type VehicleView } from './api';

export function aRead(patch: Partial<DocumentRead> = {}): DocumentRead {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    vehicleId: '22222222-2222-4222-8222-222222222222',
    plate: '冀B54321',
    kind: 'inventory-list',
    document: { bucket: 'b', key: 'k', sha256: 'x', bytes: 1, contentType: 'image/jpeg' },
    state: 'queued',
    outcome: null,
    reason: null,
    result: null,
    evidenceId: null,
    attempts: 0,
    nextTryAt: null,
    batchId: null,
    requestedBy: 'staff',
    createdAt: '2025-01-02T03:00:00.000Z',
    readAt: null,
    confirmedBy: null,
    confirmedAt: null,
    ...patch,
  };
}

export const LICENCE: DocumentRead['result'] = {
  kind: 'driving-licence',
  found: true,
  fields: {
    vin: { value: 'LFWSRXRJ8M1E00001', confidence: 0.97 },
    registrationDate: { value: '2019-05-02', confidence: 0.62 },
    vehicleType: { value: '重型半挂牵引车', confidence: 0.93 },
  },
  unreadable: ['plate', 'engineNo'],
};

export function aVehicle(
  patch: Partial<VehicleView['vehicle']> = {},
  rest: Partial<VehicleView> = {},
): VehicleView {
  return {
    vehicle: {
      id: '22222222-2222-4222-8222-222222222222',
      plate: '冀B54321',
      plateColour: 'yellow',
      vin: 'LFWSRXRJ8M1E00001',
      engineNo: null,
      disclosureNumber: null,
      registrationDate: null,
      category: null,
      fuel: null,
      fleet: null,
      inventoryList: null,
      drivingLicence: null,
      updatedAt: '2025-01-02T03:00:00.000Z',
      ...patch,
    },
    stage: null,
    evidence: [],
    review: null,
    ...rest,
  };
}

export const OPEN_REVIEW: StageReview = {
  plate: '冀B54321',
  state: 'open',
  sources: [
    { source: 'document', stage: 'V', at: '2025-01-02T03:00:00.000Z' },
    { source: 'inferred', stage: 'IV', at: '2025-01-01T03:00:00.000Z' },
  ],
  flaggedAt: '2025-01-02T03:01:00.000Z',
  resolvedBy: null,
  resolvedAt: null,
  note: null,
};
