import { EMISSION_STAGES, FUELS, PLATE_COLOURS } from '@ecogate/domain';
import { z } from 'zod';
import { idSchema, instantSchema, objectRefSchema } from '../common';

/**
 * The ledger recorded one passage direction (an entry or an exit) of a transport vehicle
 * (ledger A). Keyed by enterprise, so one enterprise's passages stay in order. A correction of
 * the same passage direction is published again with a higher `revision`; consumers keep the
 * latest revision and treat an equal one as a redelivery.
 */
export const ledgerPassageRecordedV1 = z.object({
  passageId: idSchema,
  enterpriseId: idSchema,
  siteId: idSchema,
  gateId: idSchema,
  laneId: idSchema,
  direction: z.enum(['in', 'out']),
  plate: z.object({
    text: z.string().min(1).max(16),
    colour: z.enum(PLATE_COLOURS),
  }),
  vin: z.string().max(17).optional(),
  engineNo: z.string().max(32).optional(),
  /** `yyyy-MM-dd`, the vehicle's registration date from the 行驶证. */
  registrationDate: z.iso.date().optional(),
  emissionStage: z.enum(EMISSION_STAGES),
  fuel: z.enum(FUELS).optional(),
  /** When the camera captured the vehicle at the gate (UTC instant). */
  capturedAt: instantSchema,
  photos: z.object({
    vehicle: objectRefSchema.optional(),
    plate: objectRefSchema.optional(),
  }),
  cargo: z
    .object({
      name: z.string().min(1).max(32),
      tonnes: z.number().min(0).max(999.9).optional(),
    })
    .optional(),
  /** 自有 (own), 个人 (individual) or the transport company's registered name. */
  fleet: z.string().min(1).max(100).optional(),
  documents: z
    .object({
      /** 随车清单 */
      inventoryList: objectRefSchema.optional(),
      /** 行驶证 */
      drivingLicence: objectRefSchema.optional(),
    })
    .optional(),
  /** 1 when first recorded; every correction of this passage direction adds one. */
  revision: z.number().int().positive(),
});
export type LedgerPassageRecordedV1 = z.infer<typeof ledgerPassageRecordedV1>;
