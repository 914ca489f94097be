import { Injectable } from '@nestjs/common';
import { normaliseVendorColour, normaliseVendorPlateType } from '@ecogate/domain';
import { z } from 'zod';
import {
  type AnprPush,
  type AnprPushAdapter,
  type PushAnomaly,
  type PushLimits,
  type PushOutcome,
  type PushReply,
} from '../anpr-push.adapter';
import { IngestException } from '../ingest.exception';
import { base64Jpeg, mediaType } from '../push-parsing';
import { confidenceToUnit, optionalInt, vendorToken } from '../vendor-values';

const counter = z
  .number()
  .int()
  .nonnegative()
  .max(2 ** 53 - 1);

/**
 * Dahua ITC traffic event (interfaces.md §3) as pushed over HTTP, JPEGs base64 in `Images`. What
 * identifies and proves the read is strict; optional values (`Confidence`, `UTCMS`, colour and
 * type) are `unknown` here and normalised in `parse` (vendor-values.ts). Members nothing reads
 * (`Action`, `Index`, `CountInGroup`, `Lane`, `Direction`, `VehicleColor`, …) are not validated:
 * an odd value there must not cost a read; the raw event keeps them.
 */
export const dahuaEventSchema = z.object({
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
  Images: z.object({ Scene: z.string().optional(), Plate: z.string().optional() }).default({}),
});

/** Dahua ITC cameras: one JSON traffic event per capture; the barrier is opened by barrier-control (openStrobe). */
@Injectable()
export class DahuaPushAdapter implements AnprPushAdapter {
  readonly vendor = 'dahua' as const;

  async parse(contentType: string, body: Buffer, limits: PushLimits): Promise<AnprPush> {
    if (mediaType(contentType) !== 'application/json') {
      throw new IngestException('unsupported-media-type', 'Dahua pushes must be application/json');
    }
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch (error) {
      throw new IngestException('malformed-payload', `body is not JSON: ${(error as Error).message}`);
    }
    const parsed = dahuaEventSchema.safeParse(json);
    if (!parsed.success) {
      throw new IngestException('invalid-field', `traffic event: ${z.prettifyError(parsed.error)}`);
    }
    const { Data: data, Images: images } = parsed.data;
    if (!images.Scene && !images.Plate) {
      throw new IngestException('missing-part', 'neither Images.Scene nor Images.Plate is present');
    }
    const anomalies: PushAnomaly[] = [];
    // An odd UTCMS costs the sub-second part only.
    const ms = optionalInt('Data.UTCMS', data.UTCMS, { min: 0, max: 999 }, anomalies) ?? 0;
    const car: { PlateColor?: unknown; PlateType?: unknown } = data.TrafficCar ?? {};
    return {
      vendor: this.vendor,
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
      offline: false,
      images: {
        ...(images.Scene ? { scene: base64Jpeg('Images.Scene', images.Scene, limits) } : {}),
        ...(images.Plate ? { plate: base64Jpeg('Images.Plate', images.Plate, limits) } : {}),
      },
      anomalies,
      raw: { bytes: body, contentType: 'application/json', ext: 'json' },
    };
  }

  reply(outcome: PushOutcome): PushReply {
    // The camera only checks the status; its barrier is driven by barrier-control's openStrobe call.
    return { status: 200, contentType: 'application/json', body: JSON.stringify({ status: outcome.kind }) };
  }
}
