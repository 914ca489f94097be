import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import {
  type AnprPush,
  type AnprPushAdapter,
  type PushLimits,
  type PushOutcome,
  type PushReply,
} from '../anpr-push.adapter';
import { IngestException } from '../ingest.exception';
import { base64Jpeg, mediaType } from '../push-parsing';
import { dahuaPlateRead, dahuaTrafficSchema, validDahuaEvent } from './dahua-traffic-event';

/** The traffic event as the HTTP push sends it: JPEGs base64 in `Images`. */
export const dahuaEventSchema = dahuaTrafficSchema.extend({
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
    const event = validDahuaEvent(dahuaEventSchema, json);
    const { Scene: scene, Plate: plate } = event.Images;
    return dahuaPlateRead(
      event,
      {
        ...(scene ? { scene: base64Jpeg('Images.Scene', scene, limits) } : {}),
        ...(plate ? { plate: base64Jpeg('Images.Plate', plate, limits) } : {}),
      },
      { bytes: body, contentType: 'application/json', ext: 'json' },
    );
  }

  reply(outcome: PushOutcome): PushReply {
    // The camera only checks the status; its barrier is driven by barrier-control's openStrobe call.
    return { status: 200, contentType: 'application/json', body: JSON.stringify({ status: outcome.kind }) };
  }
}
