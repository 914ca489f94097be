import { HttpStatus } from '@nestjs/common';
import { type PlateRead, type RecognitionResult } from '@ecogate/lpr';

/** A plate read as JSON: the crop travels as base64. */
export type PlateReadResponse = Omit<PlateRead, 'cropJpeg'> & { readonly cropJpegBase64: string };

export type RecognitionResponse =
  | Exclude<RecognitionResult, { kind: 'plates' }>
  | (Omit<Extract<RecognitionResult, { kind: 'plates' }>, 'plates'> & {
      readonly plates: readonly PlateReadResponse[];
    });

/**
 * Recognition outcomes → HTTP: a read (plates or none) is 200; an image we cannot decode is 422;
 * back-pressure and timeouts are 503 with Retry-After; an engine failure is 500.
 */
export function toHttpResponse(result: RecognitionResult): { status: number; body: RecognitionResponse } {
  switch (result.kind) {
    case 'plates':
      return {
        status: HttpStatus.OK,
        body: {
          ...result,
          plates: result.plates.map(({ cropJpeg, ...plate }) => ({
            ...plate,
            cropJpegBase64: Buffer.from(cropJpeg).toString('base64'),
          })),
        },
      };
    case 'no-plate':
      return { status: HttpStatus.OK, body: result };
    case 'unreadable-image':
      return { status: HttpStatus.UNPROCESSABLE_ENTITY, body: result };
    case 'overloaded':
    case 'timed-out':
      return { status: HttpStatus.SERVICE_UNAVAILABLE, body: result };
    case 'failed':
      return { status: HttpStatus.INTERNAL_SERVER_ERROR, body: result };
  }
}
