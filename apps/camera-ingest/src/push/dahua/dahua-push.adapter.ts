import { Injectable } from '@nestjs/common';
import { normaliseVendorColour, normaliseVendorPlateType } from '@ecogate/domain';
import { z } from 'zod';
import {
  type AnprPush,
  type AnprPushAdapter,
  type PushLimits,
  type PushOutcome,
  type PushReply,
} from '../anpr-push.adapter';
import { IngestException } from '../ingest.exception';
import { base64Jpeg, mediaType, percentToUnit } from '../push-parsing';

const counter = z
  .number()
  .int()
  .nonnegative()
  .max(2 ** 53 - 1);
const token = z.string().max(64);

/** Dahua ITC traffic event (interfaces.md §3) as pushed over HTTP, JPEGs base64 in `Images`. */
export const dahuaEventSchema = z.object({
  Code: z.enum(['TrafficJunction', 'TrafficGate']),
  Action: z.string().max(16).optional(),
  Index: z.number().int().nonnegative().optional(),
  Data: z.object({
    GroupID: counter,
    CountInGroup: z.number().int().positive().max(16).default(1),
    EventID: counter,
    UTC: z.number().int().positive(),
    UTCMS: z.number().int().min(0).max(999).default(0),
    Object: z.object({
      ObjectType: z.literal('Plate'),
      Text: z.string().min(1).max(32),
      Confidence: z.number(),
    }),
    TrafficCar: z.object({
      PlateColor: token.default(''),
      PlateType: token.default(''),
      Lane: z.number().int().nonnegative().optional(),
      Direction: z.union([token, z.number().int()]).optional(),
      VehicleColor: token.optional(),
      VehicleSize: token.optional(),
      UTC: z.number().int().positive().optional(),
    }),
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
    return {
      vendor: this.vendor,
      // GroupID is the capture group, EventID the camera's event counter: together one capture.
      idempotencyKey: `${data.GroupID}:${data.EventID}`,
      capturedAt: new Date(data.UTC * 1000 + data.UTCMS),
      plateText: data.Object.Text,
      colour: normaliseVendorColour('dahua', data.TrafficCar.PlateColor),
      plateType: normaliseVendorPlateType('dahua', data.TrafficCar.PlateType),
      confidence: percentToUnit('Object.Confidence', data.Object.Confidence),
      offline: false,
      images: {
        ...(images.Scene ? { scene: base64Jpeg('Images.Scene', images.Scene, limits) } : {}),
        ...(images.Plate ? { plate: base64Jpeg('Images.Plate', images.Plate, limits) } : {}),
      },
      raw: { bytes: body, contentType: 'application/json', ext: 'json' },
    };
  }

  reply(outcome: PushOutcome): PushReply {
    // The camera only checks the status; its barrier is driven by barrier-control's openStrobe call.
    return { status: 200, contentType: 'application/json', body: JSON.stringify({ status: outcome.kind }) };
  }
}
