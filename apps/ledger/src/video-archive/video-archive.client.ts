import { type ServiceToken } from '@ecogate/auth';
import { z } from 'zod';
import { fetchWithin, NoAnswerError } from '../peer-http/fetch-within';

/**
 * Why the video archive gave no answer. `refused` (401/403) is a configuration error (the archive
 * does not trust the ledger's key, or its policy does not admit the route), not an outage.
 */
export type VideoArchiveFailure = 'timeout' | 'unreachable' | 'server-error' | 'invalid-response' | 'refused';

export class VideoArchiveUnavailableError extends Error {
  constructor(
    readonly failure: VideoArchiveFailure,
    message: string,
  ) {
    super(message);
    this.name = 'VideoArchiveUnavailableError';
  }
}

const window = { from: z.string(), to: z.string() };

/** The part of the archive's passage clip (its openapi `passageClip`) the ledger reads. */
export const passageClipSchema = z.discriminatedUnion('status', [
  z.object({
    clipId: z.string(),
    direction: z.enum(['in', 'out']),
    cameraId: z.string(),
    status: z.literal('archived'),
    actual: z.object(window),
    sha256: z.string(),
    bytes: z.number().int(),
    url: z.string(),
  }),
  z.object({
    clipId: z.string(),
    direction: z.enum(['in', 'out']),
    cameraId: z.string(),
    status: z.enum(['pending', 'missing']),
    reason: z.string().nullable(),
  }),
]);
export type PassageClip = z.infer<typeof passageClipSchema>;

/** The archive's answer to a window-scan request (202): the scan, new or the same window's earlier one. */
export const windowScanTicketSchema = z.object({
  id: z.string().min(1),
  status: z.enum(['queued', 'running', 'done', 'failed']),
});
export type WindowScanTicket = z.infer<typeof windowScanTicketSchema>;

/** One plate the archive's recognition read in a window's frames, on one camera. */
export const scannedPlateSchema = z.object({
  plate: z.string(),
  cameraId: z.string(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  frames: z.number().int(),
  bestConfidence: z.number(),
  /** Whether the read is certain enough to be reported without a person's look. */
  trusted: z.boolean(),
  /** The best frame (a gateway path or link the archive serves). */
  framePath: z.string(),
});
export type ScannedPlate = z.infer<typeof scannedPlateSchema>;

/** A window scan as the archive reports it (`GET …/window-scans/{scanId}`). */
export const windowScanSchema = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  from: z.string(),
  to: z.string(),
  cameraIds: z.array(z.string()).nullable().optional(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.object({ framesDone: z.number().int(), framesTotal: z.number().int() }),
  error: z.string().nullable().optional(),
  createdAt: z.string(),
  finishedAt: z.string().nullable().optional(),
  cameras: z.array(z.object({ cameraId: z.string(), videoSeconds: z.number(), gapSeconds: z.number() })),
  plates: z.array(scannedPlateSchema),
});
export type WindowScan = z.infer<typeof windowScanSchema>;

/** One recording gap of a camera overlapping a period (`GET …/outages`). */
export const cameraOutageSchema = z.object({
  cameraId: z.string(),
  from: z.string(),
  to: z.string(),
  /** Seconds of the outage inside the period asked for. */
  seconds: z.number(),
  filed: z.boolean(),
  filingId: z.string().nullable(),
});
export type CameraOutage = z.infer<typeof cameraOutageSchema>;

export interface VideoArchiveClientOptions {
  /** The archive's API, e.g. `http://video-archive:8080`. */
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly token: Pick<ServiceToken, 'header'>;
}

/**
 * The ledger's calls to the video archive, as the ledger (its own service token): what inspections
 * need of the video (clips, window scans, outages). Anything but 2xx and 404 is "unavailable", so a
 * caller waits and retries instead of reading a half answer as "no video".
 */
export class VideoArchiveClient {
  private readonly baseUrl: string;

  constructor(private readonly options: VideoArchiveClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  /** A passage's clips (both directions); `undefined` when the archive knows none. */
  async passageClips(enterpriseId: string, passageId: string): Promise<PassageClip[] | undefined> {
    return this.request(z.array(passageClipSchema), 'GET', [enterpriseId, 'passages', passageId, 'clips']);
  }

  /**
   * Asks the archive to read every plate in a window's frames. Idempotent on the archive's side:
   * the same window (and cameras) answers the same scan, so a retry never starts a second one.
   */
  async requestWindowScan(
    enterpriseId: string,
    window: { readonly from: string; readonly to: string; readonly cameraIds?: readonly string[] },
  ): Promise<WindowScanTicket> {
    const ticket = await this.request(windowScanTicketSchema, 'POST', [enterpriseId, 'window-scans'], {
      body: window,
    });
    // A 404 on a POST is a route the archive does not have: an archive too old, not "no scan".
    if (!ticket)
      throw new VideoArchiveUnavailableError('server-error', 'video-archive has no window-scans route (404)');
    return ticket;
  }

  /** A window scan with its progress and, as it goes, its plates; `undefined` when the archive knows none. */
  async windowScan(enterpriseId: string, scanId: string): Promise<WindowScan | undefined> {
    return this.request(windowScanSchema, 'GET', [enterpriseId, 'window-scans', scanId]);
  }

  /** The enterprise's camera outages overlapping `from`…`to`, each filed (备案 in advance) or not. */
  async outages(enterpriseId: string, period: { readonly from: string; readonly to: string }) {
    const outages = await this.request(z.array(cameraOutageSchema), 'GET', [enterpriseId, 'outages'], {
      query: { from: period.from, to: period.to },
    });
    if (!outages)
      throw new VideoArchiveUnavailableError('server-error', 'video-archive has no outages route (404)');
    return outages;
  }

  /** The bytes behind a link the archive handed out (a clip's presigned URL), within the timeout. */
  async download(url: string): Promise<Buffer> {
    const response = await this.fetch(url, {});
    if (!response.ok) {
      await response.body?.cancel();
      throw new VideoArchiveUnavailableError('server-error', `${url} answered ${response.status}`);
    }
    return Buffer.from(await response.arrayBuffer());
  }

  /**
   * JSON from `/api/v1/enterprises/<segments…>` validated by `schema`; 404 → `undefined`.
   * `segments` are URL-encoded here.
   */
  async request<T>(
    schema: z.ZodType<T>,
    method: 'GET' | 'POST',
    segments: readonly string[],
    options: { readonly query?: Record<string, string>; readonly body?: unknown } = {},
  ): Promise<T | undefined> {
    const query = options.query ? `?${new URLSearchParams(options.query).toString()}` : '';
    const url = `${this.baseUrl}/api/v1/enterprises/${segments.map(encodeURIComponent).join('/')}${query}`;
    const response = await this.fetch(url, {
      method,
      headers: {
        accept: 'application/json',
        authorization: await this.options.token.header(),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      throw new VideoArchiveUnavailableError(
        'refused',
        `video-archive refused the ledger's token (${response.status}) for ${method} ${url}: check its ` +
          "AUTH_SERVICE_KEYS_FILE holds the ledger's public key and its policy admits the ledger on this route",
      );
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new VideoArchiveUnavailableError(
        'server-error',
        `video-archive answered ${response.status} for ${url}`,
      );
    }
    const parsed = schema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success)
      throw new VideoArchiveUnavailableError(
        'invalid-response',
        `video-archive sent an unexpected body for ${method} ${url}: ${parsed.error.issues[0]?.message ?? ''}`,
      );
    return parsed.data;
  }

  private async fetch(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetchWithin(url, init, this.options.timeoutMs);
    } catch (caught) {
      if (caught instanceof NoAnswerError)
        throw new VideoArchiveUnavailableError(caught.kind, caught.message);
      throw caught;
    }
  }
}
