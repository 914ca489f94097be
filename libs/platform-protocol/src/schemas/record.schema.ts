import { z } from 'zod';
import {
  imageSchema,
  nrmmStageSchema,
  platformDateSchema,
  platformDateTimeSchema,
  plateColourSchema,
  plateSchema,
  roadStageSchema,
  text,
  tonnesSchema,
  vinSchema,
} from './field-formats';

// One record per ledger row. Objects are strict: an unknown field is an error, which catches
// a misspelt field in an adapter instead of silently dropping the value.

/** Globally unique per record and stable across retries: the platform deduplicates on it. */
export const serialSchema = z
  .string({ error: 'must be a string' })
  .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'must be 1-64 letters, digits, _, ., : or -');

export const RECORD_KINDS = ['transport-passage', 'vehicle', 'nrmm'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** The guide requires at least one of the two documents for a complete vehicle record. */
const documentImages = {
  inventoryList: imageSchema.optional(), // 随车清单
  drivingLicence: imageSchema.optional(), // 行驶证
};
const hasDocumentImage = (images: { inventoryList?: string; drivingLicence?: string }): boolean =>
  images.inventoryList !== undefined || images.drivingLicence !== undefined;
const DOCUMENT_IMAGE_RULE = {
  message: 'must include inventoryList or drivingLicence (at least one)',
};

/** Ledger A: a transport vehicle passing a gate in one direction (the platform pairs entries and exits). */
export const transportPassagePayloadSchema = z.strictObject({
  plate: plateSchema,
  plateColour: plateColourSchema,
  direction: z.enum(['in', 'out'], { error: 'must be in or out' }),
  gate: text(32),
  registrationDate: platformDateSchema,
  vin: vinSchema,
  engineNo: text(32),
  stage: roadStageSchema,
  cargo: text(32).optional(),
  tonnes: tonnesSchema.optional(),
  /** 自有 (own), 个人 (individual) or the transport company's registered name. */
  fleet: text(100),
  images: z
    .strictObject({ vehicle: imageSchema, plate: imageSchema.optional(), ...documentImages })
    .refine(hasDocumentImage, DOCUMENT_IMAGE_RULE),
});

/** Ledger B: a vehicle used inside the plant, identified by plate or internal number. */
export const vehiclePayloadSchema = z.strictObject({
  vehicleNo: text(32),
  plateColour: plateColourSchema.optional(),
  registrationDate: platformDateSchema,
  vin: vinSchema,
  engineNo: text(32),
  stage: roadStageSchema,
  images: z.strictObject(documentImages).refine(hasDocumentImage, DOCUMENT_IMAGE_RULE),
});

/** Ledger C: a non-road mobile machine. */
export const nrmmPayloadSchema = z.strictObject({
  /** Environmental registration code (环保登记编码). */
  registrationCode: text(32),
  productionDate: platformDateSchema,
  stage: nrmmStageSchema,
  machineCode: text(64),
  machineType: text(32).optional(),
  fuel: text(16).optional(),
  owner: text(100).optional(),
  images: z.strictObject({
    engineNameplate: imageSchema,
    machineNameplate: imageSchema.optional(),
    environmentalLabel: imageSchema.optional(),
  }),
});

const recordBase = { serial: serialSchema, capturedAt: platformDateTimeSchema };

export const platformRecordSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      ...recordBase,
      kind: z.literal('transport-passage'),
      payload: transportPassagePayloadSchema,
    }),
    z.strictObject({ ...recordBase, kind: z.literal('vehicle'), payload: vehiclePayloadSchema }),
    z.strictObject({ ...recordBase, kind: z.literal('nrmm'), payload: nrmmPayloadSchema }),
  ],
  { error: `kind must be one of ${RECORD_KINDS.join(', ')}` },
);

export type PlatformRecord = z.infer<typeof platformRecordSchema>;
export type TransportPassagePayload = z.infer<typeof transportPassagePayloadSchema>;
export type VehiclePayload = z.infer<typeof vehiclePayloadSchema>;
export type NrmmPayload = z.infer<typeof nrmmPayloadSchema>;
