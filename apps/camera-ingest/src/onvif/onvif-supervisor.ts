import {
  type OnvifClient,
  type OnvifNotification,
  type PullPointSubscription,
  toOnvifError,
} from '@ecogate/onvif';
import { type Logger, meter } from '@ecogate/telemetry';
import { type HealthInput, INITIAL_HEALTH, type StatusChange } from '../camera-status/camera-health';
import { CameraHealthTracker } from '../camera-status/camera-health-tracker';
import { WakeableSleeps } from '../supervision/wakeable-sleeps';
import { type SnapshotTrigger } from './onvif-capture.service';
import { type OnvifDevice } from './onvif-device.repository';
import { type OnvifSettings } from './onvif-settings';

const onvifMeter = meter('camera-ingest');
const polls = onvifMeter.createCounter('camera_ingest_onvif_polls_total', {
  description: 'ONVIF health polls by outcome (ok or the failure code)',
});
const drift = onvifMeter.createHistogram('camera_ingest_onvif_clock_drift_seconds', {
  description: 'Absolute camera clock drift measured by each successful poll',
  unit: 's',
});
const notifications = onvifMeter.createCounter('camera_ingest_onvif_events_total', {
  description: 'ONVIF notifications pulled, by kind',
});

export interface SupervisorDeps {
  readonly settings: OnvifSettings;
  readonly connect: (device: OnvifDevice) => Promise<OnvifClient>;
  readonly publishStatus: (change: StatusChange) => Promise<void>;
  readonly capture: (
    client: OnvifClient,
    trigger: SnapshotTrigger,
    notification: OnvifNotification,
    at: Date,
  ) => Promise<void>;
  readonly logger: Logger;
  readonly now?: () => Date;
}

const TRIGGERS: Partial<Record<OnvifNotification['kind'], SnapshotTrigger>> = {
  'digital-input': 'ground-loop',
  motion: 'motion',
};

/**
 * Watches one ONVIF camera: a health poll (clock, then an authenticated call) every interval
 * feeds the debounce; a pull-point loop turns ground-loop / motion triggers into snapshots and
 * tamper alarms into status changes. A failed poll drops the session, so the next one logs in
 * afresh (new clock offset, new subscription).
 */
export class OnvifSupervisor {
  private running = false;
  private readonly health: CameraHealthTracker;
  private client: OnvifClient | undefined;
  private events: { client: OnvifClient; subscription: PullPointSubscription } | undefined;
  private readonly sleeps = new WakeableSleeps();
  private pollLoop: Promise<void> | undefined;
  private readonly logger: Logger;

  constructor(
    readonly device: OnvifDevice,
    private readonly deps: SupervisorDeps,
  ) {
    this.logger = deps.logger.child({ deviceId: device.id, enterpriseId: device.enterpriseId });
    this.health = new CameraHealthTracker(
      INITIAL_HEALTH,
      deps.settings,
      (change) => deps.publishStatus(change),
      this.logger,
    );
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.pollLoop = this.runPolls();
    void this.runEvents();
  }

  /** Stops both loops; an in-flight pull is abandoned (its result is ignored). */
  async stop(): Promise<void> {
    this.running = false;
    this.sleeps.wakeAll();
    await this.pollLoop;
    await this.events?.subscription.close();
    this.events = undefined;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private async runPolls(): Promise<void> {
    while (this.running) {
      await this.poll();
      await this.sleep(this.deps.settings.pollIntervalMs);
    }
  }

  private async poll(): Promise<void> {
    try {
      const client = this.client ?? (await this.deps.connect(this.device));
      this.client = client;
      const driftMs = await client.clockDriftMs();
      // GetSystemDateAndTime needs no login: prove the credentials on every poll.
      await client.deviceInformation();
      polls.add(1, { outcome: 'ok' });
      drift.record(Math.abs(driftMs) / 1000);
      await this.apply({ kind: 'poll-ok', driftMs });
    } catch (error) {
      const failure = toOnvifError(error, 'health poll');
      this.client = undefined;
      polls.add(1, { outcome: failure.code });
      this.logger.warn({ code: failure.code, reason: failure.message }, 'ONVIF health poll failed');
      await this.apply({ kind: 'poll-failed', reason: failure.code });
    }
  }

  private async runEvents(): Promise<void> {
    while (this.running) {
      const client = this.client;
      if (!client) {
        await this.sleep(this.deps.settings.pollIntervalMs);
        continue;
      }
      if (this.events?.client !== client) {
        void this.events?.subscription.close();
        const { pullTimeoutMs, requestTimeoutMs } = this.deps.settings;
        // Renew while one more pull (and its network allowance) still fits in the lifetime.
        const subscription = client.pullPoint({
          pullTimeoutMs,
          renewMarginMs: pullTimeoutMs + 2 * requestTimeoutMs,
        });
        this.events = { client, subscription };
      }
      try {
        const pulled = await this.events.subscription.pull();
        for (const notification of pulled) {
          if (!this.running) return;
          await this.onNotification(client, notification);
        }
      } catch (error) {
        this.logger.debug({ err: error }, 'ONVIF pull failed; the health poll decides about the camera');
        await this.sleep(this.deps.settings.pollIntervalMs);
      }
    }
  }

  private async onNotification(client: OnvifClient, notification: OnvifNotification): Promise<void> {
    notifications.add(1, { kind: notification.kind });
    if (notification.kind === 'tamper' && notification.active !== undefined) {
      await this.apply({ kind: 'tamper', active: notification.active });
      return;
    }
    const trigger = TRIGGERS[notification.kind];
    // `Initialized` reports the state at subscription time, not a vehicle arriving.
    if (!trigger || notification.active !== true || notification.operation === 'Initialized') return;
    try {
      await this.deps.capture(client, trigger, notification, this.now());
    } catch (error) {
      this.logger.error({ err: error, trigger }, 'ONVIF snapshot capture failed');
    }
  }

  private apply(input: HealthInput): Promise<void> {
    return this.health.apply(input, this.now());
  }

  private sleep(ms: number): Promise<void> {
    return this.running ? this.sleeps.sleep(ms) : Promise.resolve();
  }
}
