import { type ServiceToken } from '@ecogate/auth';
import { z } from 'zod';
import { type FrameRead } from './plate-sightings';

/** plate-recognition did not answer usefully now: wait and try again (a dependency, not bad input). */
export class RecognitionUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecognitionUnavailableError';
  }
}

/**
 * plate-recognition refused the frame or the caller for good (401/403: keys or policy; 4xx: the
 * frame): retrying changes nothing, so the scan fails with this message instead of guessing.
 */
export class RecognitionRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecognitionRefusedError';
  }
}

// Only what a scan keeps of `POST /recognize`'s answer.
const answer = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('plates'),
    plates: z.array(
      z.object({
        text: z.string().min(1),
        confidence: z.number(),
        verdict: z.enum(['trusted', 'needs-review']),
      }),
    ),
  }),
  z.object({ kind: z.literal('no-plate') }),
]);

export interface FrameRecogniser {
  /** Every plate read in the JPEG; throws `RecognitionUnavailableError` when it should be retried. */
  recognise(jpeg: Buffer): Promise<FrameRead[]>;
}

/** `POST /recognize?mode=scene` with a raw JPEG body, as video-archive (its own service token). */
export class PlateRecognitionClient implements FrameRecogniser {
  private readonly endpoint: string;

  constructor(
    baseUrl: string,
    private readonly token: Pick<ServiceToken, 'header'>,
    private readonly timeoutMs: number,
  ) {
    this.endpoint = `${baseUrl.replace(/\/+$/, '')}/recognize?mode=scene`;
  }

  async recognise(jpeg: Buffer): Promise<FrameRead[]> {
    let response: Response;
    try {
      response = await fetch(this.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'image/jpeg',
          accept: 'application/json',
          authorization: await this.token.header(),
        },
        body: jpeg,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (caught) {
      // A DOMException, not always an `Error` of this realm: compare the name only.
      const timedOut = (caught as { name?: unknown } | null)?.name === 'TimeoutError';
      throw new RecognitionUnavailableError(
        timedOut
          ? `plate-recognition did not answer within ${this.timeoutMs} ms`
          : `plate-recognition unreachable: ${String(caught)}`,
      );
    }
    const text = await response.text();
    // 503 (its queue is full, a job timed out), 5xx, a proxy's 502/504: all pass.
    if (response.status >= 500 || response.status === 429) {
      throw new RecognitionUnavailableError(
        `plate-recognition answered ${response.status}: ${text.slice(0, 200)}`,
      );
    }
    if (response.status !== 200) {
      const hint =
        response.status === 401 || response.status === 403
          ? " (check plate-recognition's AUTH_SERVICE_KEYS_FILE holds video-archive's key, and its policy)"
          : '';
      throw new RecognitionRefusedError(
        `plate-recognition refused a frame with ${response.status}${hint}: ${text.slice(0, 200)}`,
      );
    }
    let parsed: z.infer<typeof answer>;
    try {
      parsed = answer.parse(JSON.parse(text));
    } catch {
      throw new RecognitionUnavailableError(`plate-recognition sent an answer this scan cannot read`);
    }
    if (parsed.kind === 'no-plate') return [];
    return parsed.plates.map((p) => ({
      text: p.text,
      confidence: p.confidence,
      trusted: p.verdict === 'trusted',
    }));
  }
}
