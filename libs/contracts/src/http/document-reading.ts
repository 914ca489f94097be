import { z } from 'zod';

// Plate recognition's document readers on the wire (`POST /documents/{kind}/read`, the photo as the
// raw body): what the ledger's document-reading job receives. A reader never guesses: a field it
// cannot read is absent and named in `unreadable`, and a photo without what it looks for answers
// `found: false` with the reason, so the record is left for a person.

/** A field read off a document, with the reader's confidence in [0, 1] for a person to confirm. */
export const readFieldSchema = z.object({
  value: z.string(),
  confidence: z.number().min(0).max(1),
});
export type ReadField = z.infer<typeof readFieldSchema>;

/** 随车清单: the QR code's disclosure number and VIN, exactly as decoded (a code is right or unreadable). */
export const inventoryListReadSchema = z.discriminatedUnion('found', [
  z.object({
    kind: z.literal('inventory-list'),
    found: z.literal(true),
    /** The QR code's text as decoded, kept as proof. */
    qrText: z.string(),
    /** 信息公开编号. */
    disclosureNumber: z.string().optional(),
    vin: z.string().optional(),
    /** Fields the code should carry but does not (e.g. `vin`). */
    unreadable: z.array(z.string()),
  }),
  z.object({
    kind: z.literal('inventory-list'),
    found: z.literal(false),
    reason: z.enum(['no-qr-code', 'not-an-inventory-list-code']),
    /** In words, for the person who takes the record over. */
    message: z.string(),
  }),
]);
export type InventoryListRead = z.infer<typeof inventoryListReadSchema>;

/** 行驶证: the printed fields read by OCR, each with its confidence. */
export const drivingLicenceReadSchema = z.object({
  kind: z.literal('driving-licence'),
  /** Whether the photo looked like a vehicle licence at all (its title or field labels were read). */
  found: z.boolean(),
  fields: z.object({
    plate: readFieldSchema.optional(),
    vehicleType: readFieldSchema.optional(),
    vin: readFieldSchema.optional(),
    engineNo: readFieldSchema.optional(),
    /** `yyyy-MM-dd`. */
    registrationDate: readFieldSchema.optional(),
  }),
  unreadable: z.array(z.enum(['plate', 'vehicleType', 'vin', 'engineNo', 'registrationDate'])),
});
export type DrivingLicenceRead = z.infer<typeof drivingLicenceReadSchema>;

export const DOCUMENT_READ_KINDS = ['inventory-list', 'driving-licence'] as const;
export type DocumentReadKind = (typeof DOCUMENT_READ_KINDS)[number];
