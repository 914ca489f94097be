import {
  errorResponseSchema,
  heartbeatAckSchema,
  PROTOCOL_ERRORS,
  type PlatformRecord,
  type ProtocolErrorCode,
  type RecordAck,
  recordsAckSchema,
  signRequestHeaders,
  type SignMethod,
} from '@ecogate/platform-protocol';
import { type Secret } from '@ecogate/config';
import { type PlatformAdapter, PlatformDeliveryError } from '../platform-adapter';

export interface ReferenceHttpSettings {
  readonly url: string;
  readonly appId: string;
  readonly secret: Secret;
  readonly signMethod: SignMethod;
  readonly requestTimeoutMs: number;
}

/** The reference protocol over HTTP (docs/platform-protocol.md §2): signed JSON POSTs. */
export class ReferenceHttpAdapter implements PlatformAdapter {
  readonly name = 'reference-http';

  constructor(
    private readonly settings: ReferenceHttpSettings,
    private readonly now: () => number = Date.now,
  ) {}

  async sendRecords(
    enterpriseCode: string,
    records: readonly PlatformRecord[],
  ): Promise<readonly RecordAck[]> {
    const body = await this.post('/api/v1/records', { enterpriseCode, records });
    const parsed = recordsAckSchema.safeParse(body);
    const acks = parsed.success ? parsed.data.acks : undefined;
    // An ack we cannot match record by record is as good as no answer: retry (serials make it safe).
    if (!acks || acks.length !== records.length || acks.some((ack, i) => ack.serial !== records[i]?.serial)) {
      throw new PlatformDeliveryError(
        'retriable',
        'malformed-ack',
        'the platform answered with acks that do not match the batch',
      );
    }
    return acks;
  }

  async heartbeat(enterpriseCode: string, pending: number): Promise<void> {
    const body = await this.post('/api/v1/heartbeat', { enterpriseCode, pending });
    if (!heartbeatAckSchema.safeParse(body).success) {
      throw new PlatformDeliveryError('retriable', 'malformed-ack', 'unreadable heartbeat answer');
    }
  }

  async close(): Promise<void> {
    // Nothing held: fetch keeps no session.
  }

  private async post(path: string, payload: unknown): Promise<unknown> {
    const text = JSON.stringify(payload);
    const headers = signRequestHeaders({
      appId: this.settings.appId,
      secret: this.settings.secret.reveal(),
      method: this.settings.signMethod,
      body: text,
      nowMs: this.now(),
    });
    let response: Response;
    let raw: string;
    try {
      response = await fetch(`${this.settings.url.replace(/\/$/, '')}${path}`, {
        method: 'POST',
        body: text,
        headers: { ...headers, 'content-type': 'application/json; charset=utf-8' },
        signal: AbortSignal.timeout(this.settings.requestTimeoutMs),
      });
      raw = await response.text();
    } catch (error) {
      throw new PlatformDeliveryError(
        'retriable',
        networkCode(error),
        `platform unreachable: ${describe(error)}`,
        undefined,
        {
          cause: error,
        },
      );
    }
    if (response.ok) {
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        throw new PlatformDeliveryError('retriable', 'malformed-ack', 'the platform answer is not JSON');
      }
    }
    throw failureOf(response, raw);
  }
}

function failureOf(response: Response, raw: string): PlatformDeliveryError {
  let name: string | undefined;
  let message = raw.slice(0, 300);
  try {
    const parsed = errorResponseSchema.safeParse(JSON.parse(raw));
    if (parsed.success) {
      name = parsed.data.error;
      message = parsed.data.message;
    }
  } catch {
    // Not our protocol's error body: judge by status alone.
  }
  const known = name && name in PROTOCOL_ERRORS ? PROTOCOL_ERRORS[name as ProtocolErrorCode] : undefined;
  const code = name ?? `http-${response.status}`;
  const text = `${response.status} ${code}: ${message}`;
  if (response.status === 429) {
    const seconds = Number(response.headers.get('retry-after'));
    return new PlatformDeliveryError(
      'retriable',
      code,
      text,
      Number.isFinite(seconds) ? seconds * 1000 : undefined,
    );
  }
  if (response.status >= 500 || known?.retriable) return new PlatformDeliveryError('retriable', code, text);
  if (response.status === 401 || response.status === 403)
    return new PlatformDeliveryError('configuration', code, text);
  if (response.status === 413) return new PlatformDeliveryError('too-large', code, text);
  if (response.status === 400) return new PlatformDeliveryError('batch-refused', code, text);
  return new PlatformDeliveryError('retriable', code, text);
}

function networkCode(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return 'timeout';
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === 'string' ? cause.code : 'network-error';
}

function describe(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  const base = error instanceof Error ? error.message : String(error);
  return cause instanceof Error ? `${base} (${cause.message})` : base;
}
