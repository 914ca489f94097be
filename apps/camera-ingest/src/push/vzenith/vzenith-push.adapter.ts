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

const int = z.number().int();

/**
 * `AlarmInfoPlate` (interfaces.md §4). What identifies and proves the read is strict; optional
 * values (`colorType`, `type`, `confidence`, `isoffline`, `usec`) are `unknown` here and normalised
 * in `parse` (vendor-values.ts). Members nothing reads (`channel`, `deviceName`, `ipaddr`,
 * `direction`, `triggerType`, …) are not validated: an odd value there must not cost a read.
 */
const pushSchema = z.object({
  AlarmInfoPlate: z.object({
    serialno: z.string().regex(/^[\w-]{1,64}$/, 'serialno must be 1-64 letters, digits, _ or -'),
    result: z.object({
      PlateResult: z.object({
        license: z.string().min(1).max(32),
        colorType: z.unknown(),
        type: z.unknown(),
        confidence: z.unknown(),
        plateid: int.nonnegative(),
        isoffline: z.unknown(),
        imageFile: z.string().optional(),
        imageFragmentFile: z.string().optional(),
        timeStamp: z.object({ Timeval: z.object({ sec: int.positive(), usec: z.unknown() }) }),
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
    const anomalies: PushAnomaly[] = [];
    const { sec, usec } = result.timeStamp.Timeval;
    // An odd usec costs the sub-second part only.
    const micros = optionalInt('Timeval.usec', usec, { min: 0, max: 999_999 }, anomalies) ?? 0;
    // 0 live, 1 back-filled. Any other value is flagged and taken as back-filled: the record lands
    // in the ledger but never opens the barrier (fail closed, as a lane without a decision).
    const isoffline = optionalInt(
      'isoffline',
      result.isoffline,
      { min: 0, max: 1 },
      anomalies,
      'read-as-offline',
    );
    const offline = isoffline === undefined ? result.isoffline !== undefined : isoffline === 1;
    return {
      vendor: this.vendor,
      idempotencyKey: `${alarm.serialno}:${result.plateid}`,
      // The camera's capture time, also for offline records pushed hours later.
      capturedAt: new Date(sec * 1000 + Math.floor(micros / 1000)),
      plateText: result.license,
      colour: normaliseVendorColour('vzenith', vendorToken('colorType', result.colorType, anomalies)),
      plateType: normaliseVendorPlateType('vzenith', vendorToken('type', result.type ?? 0, anomalies)),
      confidence: confidenceToUnit('confidence', result.confidence, anomalies),
      offline,
      images: {
        ...(result.imageFile ? { scene: base64Jpeg('imageFile', result.imageFile, limits) } : {}),
        ...(result.imageFragmentFile
          ? { plate: base64Jpeg('imageFragmentFile', result.imageFragmentFile, limits) }
          : {}),
      },
      anomalies,
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
