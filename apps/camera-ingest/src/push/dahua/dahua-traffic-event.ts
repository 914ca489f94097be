import { normaliseVendorColour, normaliseVendorPlateType } from '@ecogate/domain';
import { z } from 'zod';
import { type AnprPush, type PushAnomaly, type PushImage } from '../anpr-push.adapter';
import { IngestException } from '../ingest.exception';
import { confidenceToUnit, optionalInt, vendorToken } from '../vendor-values';

const counter = z
  .number()
  .int()
  .nonnegative()
  .max(2 ** 53 - 1);

/**
 * Dahua ITC traffic event (interfaces.md §3): its `Code` and `Data`, whether it came as the HTTP
 * push's JSON body or as a part of the `eventManager.cgi` event stream. What identifies and proves
 * the read is strict; optional values (`Confidence`, `UTCMS`, colour and type) are `unknown` here and
 * normalised in `dahuaPlateRead` (vendor-values.ts). Members nothing reads (`Action`, `Index`,
 * `CountInGroup`, `Lane`, `Direction`, `VehicleColor`, …) are not validated: an odd value there must
 * not cost a read; the raw event keeps them.
 */
export const dahuaTrafficSchema = z.object({
  Code: z.enum(['TrafficJunction', 'TrafficGate']),
  Data: z.object({
    GroupID: counter,
    EventID: counter,
    UTC: z.number().int().positive(),
    UTCMS: z.unknown(),
    Object: z.object({
      ObjectType: z.literal('Plate'),
      Text: z.string().min(1).max(32),
      Confidence: z.unknown(),
    }),
    TrafficCar: z.object({ PlateColor: z.unknown(), PlateType: z.unknown() }).optional(),
  }),
});

export type DahuaTrafficEvent = z.infer<typeof dahuaTrafficSchema>;

/** The event's pictures, already checked (JPEG, size): the scene and the plate crop. */
export interface DahuaImages {
  readonly scene?: PushImage;
  readonly plate?: PushImage;
}

/** Validates a traffic event against `schema`; a refusal names every field that failed. */
export function validDahuaEvent<T>(schema: z.ZodType<T>, json: unknown): T {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new IngestException('invalid-field', `traffic event: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/**
 * One Dahua traffic event and its pictures as a plate read: the one mapping of the JSON push and
 * the event stream, so both give the same read, keyed alike (a capture that arrives both ways, or
 * again after a reconnect, is one capture).
 */
export function dahuaPlateRead(
  event: DahuaTrafficEvent,
  images: DahuaImages,
  raw: AnprPush['raw'],
): AnprPush {
  if (!images.scene && !images.plate) {
    throw new IngestException('missing-part', 'the event has neither a scene nor a plate picture');
  }
  const data = event.Data;
  const anomalies: PushAnomaly[] = [];
  // An odd UTCMS costs the sub-second part only.
  const ms = optionalInt('Data.UTCMS', data.UTCMS, { min: 0, max: 999 }, anomalies) ?? 0;
  const car: { PlateColor?: unknown; PlateType?: unknown } = data.TrafficCar ?? {};
  return {
    vendor: 'dahua',
    // GroupID is the capture group, EventID the camera's event counter: together one capture.
    idempotencyKey: `${data.GroupID}:${data.EventID}`,
    capturedAt: new Date(data.UTC * 1000 + ms),
    plateText: data.Object.Text,
    colour: normaliseVendorColour('dahua', vendorToken('TrafficCar.PlateColor', car.PlateColor, anomalies)),
    plateType: normaliseVendorPlateType(
      'dahua',
      vendorToken('TrafficCar.PlateType', car.PlateType, anomalies),
    ),
    confidence: confidenceToUnit('Object.Confidence', data.Object.Confidence, anomalies),
    // Dahua sends no offline flag: its records are live.
    offline: false,
    images: {
      ...(images.scene ? { scene: images.scene } : {}),
      ...(images.plate ? { plate: images.plate } : {}),
    },
    anomalies,
    raw,
  };
}
