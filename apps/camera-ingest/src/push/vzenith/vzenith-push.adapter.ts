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

const int = z.number().int();

const pushSchema = z.object({
  AlarmInfoPlate: z.object({
    channel: int.nonnegative().optional(),
    deviceName: z.string().max(128).optional(),
    ipaddr: z.string().max(64).optional(),
    serialno: z.string().regex(/^[\w-]{1,64}$/, 'serialno must be 1-64 letters, digits, _ or -'),
    result: z.object({
      PlateResult: z.object({
        license: z.string().min(1).max(32),
        colorType: int.nonnegative(),
        type: int.nonnegative().default(0),
        confidence: z.number(),
        plateid: int.nonnegative(),
        isoffline: z.union([z.literal(0), z.literal(1)]).default(0),
        imageFile: z.string().optional(),
        imageFragmentFile: z.string().optional(),
        timeStamp: z.object({
          Timeval: z.object({ sec: int.positive(), usec: int.min(0).max(999_999).default(0) }),
        }),
      }),
    }),
  }),
});

/** JSON pushes of Vzenith (臻识) and compatible gate cameras; our HTTP reply is the barrier command. */
@Injectable()
export class VzenithPushAdapter implements AnprPushAdapter {
  readonly vendor = 'vzenith' as const;

  async parse(contentType: string, body: Buffer, limits: PushLimits): Promise<AnprPush> {
    const type = mediaType(contentType);
    // Several firmwares send JSON as text/plain.
    if (type !== 'application/json' && type !== 'text/plain') {
      throw new IngestException('unsupported-media-type', 'Vzenith pushes must be JSON');
    }
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch (error) {
      throw new IngestException('malformed-payload', `body is not JSON: ${(error as Error).message}`);
    }
    const parsed = pushSchema.safeParse(json);
    if (!parsed.success) {
      throw new IngestException('invalid-field', `AlarmInfoPlate: ${z.prettifyError(parsed.error)}`);
    }
    const alarm = parsed.data.AlarmInfoPlate;
    const result = alarm.result.PlateResult;
    if (!result.imageFile && !result.imageFragmentFile) {
      throw new IngestException('missing-part', 'neither imageFile nor imageFragmentFile is present');
    }
    const { sec, usec } = result.timeStamp.Timeval;
    return {
      vendor: this.vendor,
      idempotencyKey: `${alarm.serialno}:${result.plateid}`,
      // The camera's capture time, also for offline records pushed hours later.
      capturedAt: new Date(sec * 1000 + Math.floor(usec / 1000)),
      plateText: result.license,
      colour: normaliseVendorColour('vzenith', result.colorType),
      plateType: normaliseVendorPlateType('vzenith', result.type),
      confidence: percentToUnit('confidence', result.confidence),
      offline: result.isoffline === 1,
      images: {
        ...(result.imageFile ? { scene: base64Jpeg('imageFile', result.imageFile, limits) } : {}),
        ...(result.imageFragmentFile
          ? { plate: base64Jpeg('imageFragmentFile', result.imageFragmentFile, limits) }
          : {}),
      },
      raw: { bytes: body, contentType: 'application/json', ext: 'json' },
    };
  }

  reply(outcome: PushOutcome): PushReply {
    // "ok" lifts the barrier; anything else leaves it down (the camera still counts the push as delivered).
    const info = outcome.openBarrier ? 'ok' : 'no';
    return {
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ Response_AlarmInfoPlate: { info } }),
    };
  }
}
