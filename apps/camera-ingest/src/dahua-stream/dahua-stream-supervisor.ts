import { type Logger, meter } from '@ecogate/telemetry';
import {
  type HealthInput,
  type HealthState,
  INITIAL_HEALTH,
  type PollFailure,
  type StatusChange,
} from '../camera-status/camera-health';
import { CameraHealthTracker } from '../camera-status/camera-health-tracker';
import { type AnprPush, type PushLimits, type PushOutcome } from '../push/anpr-push.adapter';
import { IngestException } from '../push/ingest.exception';
import { WakeableSleeps } from '../supervision/wakeable-sleeps';
import { type DahuaAttachment, DahuaStreamError, type DahuaStreamFailure } from './dahua-attach';
import { type DahuaStreamDevice } from './dahua-stream-device.repository';
import { type DahuaStreamEvent, type DahuaStreamItem } from './dahua-stream-events';
import { dahuaStreamPlateRead } from './dahua-stream-read';
import { readDahuaStream } from './dahua-stream-reader';
import { type DahuaStreamSettings, WATCHDOG_HEARTBEATS } from './dahua-stream-settings';

const streamMeter = meter('camera-ingest');
const items = streamMeter.createCounter('camera_ingest_dahua_stream_events_total', {
  description:
    'Dahua event-stream events by outcome: accepted, duplicate, invalid (skipped), failed (not stored), ignored (other parts)',
});
const reconnects = streamMeter.createCounter('camera_ingest_dahua_stream_reconnects_total', {
  description: 'Dahua event streams opened again, by what ended the previous attempt',
});

/** Attempts to store one event before it is given up (logged, counted `failed`). */
const INGEST_ATTEMPTS = 3;
/** The most bytes of a part's header block, or of anything between two parts. */
const MAX_HEADER_BYTES = 8 * 1024;

export interface DahuaStreamSupervisorDeps {
  readonly settings: DahuaStreamSettings;
  /** The push receivers' limits: the same pictures and event text are acceptable either way. */
  readonly limits: PushLimits;
  readonly attach: (signal: AbortSignal) => Promise<DahuaAttachment>;
  /** The push path's ingestion: claim (idempotency), store, publish. */
  readonly ingest: (push: AnprPush) => Promise<PushOutcome>;
  readonly publishStatus: (change: StatusChange) => Promise<void>;
  readonly logger: Logger;
  readonly now?: () => Date;
  /** 0 ≤ x < 1, for the reconnect jitter. */
  readonly random?: () => number;
}

/** The camera-health reason of a failure: a stream that hung or broke is a camera we cannot reach. */
export function healthReason(code: DahuaStreamFailure): PollFailure {
  return code === 'hung' || code === 'closed' ? 'unreachable' : code;
}

/**
 * The wait before attempt `failures + 1`: doubling from the minimum to the maximum, with jitter
 * (half to all of it) so cameras cut together do not reconnect together. A refused login waits the
 * longest: Dahua firmwares lock an account after a few failures, and a corrected login in the
 * registry restarts the supervisor at once anyway.
 */
export function reconnectDelayMs(
  failures: number,
  code: DahuaStreamFailure,
  settings: Pick<DahuaStreamSettings, 'reconnectMinMs' | 'reconnectMaxMs'>,
  random: number,
): number {
  const base =
    code === 'unauthorised'
      ? settings.reconnectMaxMs
      : Math.min(
          settings.reconnectMaxMs,
          settings.reconnectMinMs * 2 ** Math.max(0, Math.min(failures - 1, 30)),
        );
  return Math.round(base * (0.5 + random / 2));
}

/**
 * Keeps one Dahua camera's event stream attached: attach (digest), read events to their end, and
 * on any failure reconnect after a growing, jittered delay. A successful attach is a good health
 * poll and a failed attach or a broken stream a failed one (the ONVIF debounce: offline after N in a
 * row). Every traffic event becomes a plate read through the push path; one that is invalid is
 * logged, counted and skipped, never the end of the stream.
 */
export class DahuaStreamSupervisor {
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly abort = new AbortController();
  private readonly sleeps = new WakeableSleeps();
  private readonly health: CameraHealthTracker;
  private readonly logger: Logger;

  /** `health`: what a supervisor of the same camera knew before an edit restarted it. */
  constructor(
    readonly device: DahuaStreamDevice,
    private readonly deps: DahuaStreamSupervisorDeps,
    health: HealthState = INITIAL_HEALTH,
  ) {
    this.logger = deps.logger.child({ deviceId: device.id, enterpriseId: device.enterpriseId });
    this.health = new CameraHealthTracker(
      health,
      // No clock is read from the stream: drift is never judged here.
      {
        offlineAfterFailures: deps.settings.offlineAfterFailures,
        driftThresholdMs: Number.POSITIVE_INFINITY,
      },
      (change) => deps.publishStatus(change),
      this.logger,
    );
  }

  /** The camera's health as this supervisor left it (for the one that replaces it after an edit). */
  get lastHealth(): HealthState {
    return this.health.state;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Closes the stream and waits for the loop to end (an event being stored finishes first). */
  async stop(): Promise<void> {
    this.running = false;
    this.abort.abort();
    this.sleeps.wakeAll();
    await this.loop;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      const ended = await this.session();
      if (!this.running) return;
      // A stream that carried something was healthy: the next attempt starts from the shortest delay.
      failures = ended.received ? 1 : failures + 1;
      reconnects.add(1, { reason: ended.failure.code });
      await this.sleep(
        reconnectDelayMs(
          failures,
          ended.failure.code,
          this.deps.settings,
          this.deps.random?.() ?? Math.random(),
        ),
      );
    }
  }

  /** One attach and its stream, to its end: what ended it, and whether anything arrived. */
  private async session(): Promise<{ failure: DahuaStreamError; received: boolean }> {
    let attachment: DahuaAttachment;
    try {
      attachment = await this.deps.attach(this.abort.signal);
    } catch (error) {
      const failure = asStreamError(error, 'unreachable');
      if (this.running) {
        this.logger.warn(
          { code: failure.code, reason: failure.message },
          failure.code === 'unauthorised'
            ? 'Dahua event stream: the camera refused our login; check the device credentials'
            : 'Dahua event stream: attach failed',
        );
        await this.apply({ kind: 'poll-failed', reason: healthReason(failure.code) });
      }
      return { failure, received: false };
    }
    this.logger.info('Dahua event stream attached');
    await this.apply({ kind: 'poll-ok' });
    let received = false;
    let failure: DahuaStreamError;
    try {
      const { heartbeatSeconds, eventSettleMs } = this.deps.settings;
      await readDahuaStream(
        attachment.body,
        {
          boundary: attachment.boundary,
          limits: { maxPartBytes: this.maxPartBytes, maxHeaderBytes: MAX_HEADER_BYTES },
          watchdogMs: heartbeatSeconds * 1000 * WATCHDOG_HEARTBEATS,
          settleMs: eventSettleMs,
        },
        async (item) => {
          received = true;
          await this.onItem(item);
        },
      );
      failure = new DahuaStreamError('closed', 'the camera ended the stream');
    } catch (error) {
      failure = asStreamError(error, 'closed');
    } finally {
      attachment.close();
    }
    if (this.running) {
      this.logger.warn(
        { code: failure.code, reason: failure.message },
        'Dahua event stream lost; reconnecting',
      );
      await this.apply({ kind: 'poll-failed', reason: healthReason(failure.code) });
    }
    return { failure, received };
  }

  /** The pictures and the event text may be as large as a push allows them; anything else is small. */
  private readonly maxPartBytes = (contentType: string): number =>
    contentType.startsWith('image/') ? this.deps.limits.maxImageBytes : this.deps.limits.maxTextBytes;

  private async onItem(item: DahuaStreamItem): Promise<void> {
    switch (item.kind) {
      case 'heartbeat':
        return;
      case 'ignored':
        items.add(1, { outcome: 'ignored' });
        this.logger.debug({ reason: item.reason }, 'Dahua event stream: part skipped');
        return;
      case 'event':
        return this.onEvent(item.event);
    }
  }

  private async onEvent(event: DahuaStreamEvent): Promise<void> {
    let push: AnprPush;
    try {
      push = dahuaStreamPlateRead(event, this.deps.limits);
    } catch (error) {
      items.add(1, { outcome: 'invalid' });
      this.logger.warn(
        {
          code: error instanceof IngestException ? error.code : 'error',
          reason: (error as Error).message,
          eventCode: event.code,
        },
        'Dahua event stream: invalid event skipped',
      );
      return;
    }
    for (let attempt = 1; ; attempt += 1) {
      try {
        const outcome = await this.deps.ingest(push);
        items.add(1, { outcome: outcome.kind });
        return;
      } catch (error) {
        const retryAfterMs =
          error instanceof IngestException && error.retryAfterSeconds !== undefined
            ? error.retryAfterSeconds * 1000
            : 1000;
        if (attempt >= INGEST_ATTEMPTS || !this.running) {
          items.add(1, { outcome: 'failed' });
          this.logger.error(
            { err: error, idempotencyKey: push.idempotencyKey, attempts: attempt },
            'Dahua event stream: event could not be stored; it is lost unless the camera sends it again',
          );
          return;
        }
        this.logger.warn(
          { err: error, idempotencyKey: push.idempotencyKey },
          'storing a streamed event failed; retrying',
        );
        await this.sleep(retryAfterMs);
      }
    }
  }

  private apply(input: HealthInput): Promise<void> {
    return this.health.apply(input, this.deps.now?.() ?? new Date());
  }

  private sleep(ms: number): Promise<void> {
    return this.running ? this.sleeps.sleep(ms) : Promise.resolve();
  }
}

function asStreamError(error: unknown, otherwise: DahuaStreamFailure): DahuaStreamError {
  if (error instanceof DahuaStreamError) return error;
  return new DahuaStreamError(otherwise, (error as Error).message ?? String(error), { cause: error });
}
