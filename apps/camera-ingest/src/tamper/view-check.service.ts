import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { type ViewAssessment } from '@ecogate/camera-tamper';
import { type CameraTamperEvidence } from '@ecogate/contracts';
import { OnvifError } from '@ecogate/onvif';
import { type Logger, LOGGER, meter } from '@ecogate/telemetry';
import { CaptureStore } from '../capture/capture-store';
import { CameraStatusPublisher } from '../camera-status/camera-status.publisher';
import { forEachBounded } from './bounded';
import { CameraSnapshots } from './camera-snapshots';
import {
  type CheckableCamera,
  type ReferenceView,
  ReferenceViewRepository,
} from './reference-view.repository';
import { VIEW_ANALYSIS, type ViewAnalysis } from './view-analysis';
import { VIEW_CHECK_SETTINGS, type ViewCheckServiceSettings } from './view-check-settings';
import { initialViewCheck, nextViewCheck, type ViewChange, type ViewCheckState } from './view-check-state';

const viewMeter = meter('camera-ingest');
const checks = viewMeter.createCounter('camera_ingest_view_checks_total', {
  description:
    'View checks by outcome: as-commissioned, a tamper kind, snapshot-failed (the camera), failed (ours)',
});
const checkDuration = viewMeter.createHistogram('camera_ingest_view_check_duration_seconds', {
  description: 'One camera check: snapshot, comparison with the reference view, publishing',
  unit: 's',
});
const runsSkipped = viewMeter.createCounter('camera_ingest_view_check_runs_skipped_total', {
  description: 'Runs not started because the previous one was still going',
});

/**
 * The periodic view check: every `intervalMs`, each enabled camera with a reference view is
 * snapshotted and compared with it (`assessView`), a few at a time; a confirmed change of state
 * (`view-check-state.ts`) is published as `camera.status.changed.v1` with the kind and the
 * before/after pair (reference image, and the deciding frame, stored). Runs never overlap.
 */
@Injectable()
export class ViewCheckService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  /** Per camera (`enterprise/camera`); the reported state is read from the database the first time. */
  private readonly states = new Map<string, ViewCheckState>();

  constructor(
    @Inject(ReferenceViewRepository)
    private readonly views: Pick<
      ReferenceViewRepository,
      'listCheckable' | 'current' | 'reportedKind' | 'saveReportedKind'
    >,
    @Inject(CameraSnapshots) private readonly snapshots: Pick<CameraSnapshots, 'take' | 'retainOnly'>,
    @Inject(VIEW_ANALYSIS) private readonly analysis: ViewAnalysis,
    @Inject(CaptureStore) private readonly captures: Pick<CaptureStore, 'store'>,
    @Inject(CameraStatusPublisher) private readonly status: Pick<CameraStatusPublisher, 'publish'>,
    @Inject(VIEW_CHECK_SETTINGS) private readonly settings: ViewCheckServiceSettings,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'view-check' });
  }

  onApplicationBootstrap(): void {
    if (!this.settings.enabled) return;
    this.timer = setInterval(() => void this.tick(), this.settings.intervalMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One run over every checkable camera; a run still going makes this one a no-op (counted). */
  tick(): Promise<void> {
    if (this.running) {
      runsSkipped.add(1);
      return this.running;
    }
    this.running = this.runOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async runOnce(): Promise<void> {
    let cameras: CheckableCamera[];
    try {
      cameras = await this.views.listCheckable();
    } catch (error) {
      this.logger.warn({ err: error }, 'could not read the cameras to check from the registry');
      return;
    }
    const listed = new Set(cameras.map(keyOf));
    for (const key of this.states.keys()) if (!listed.has(key)) this.states.delete(key);
    this.snapshots.retainOnly(listed);
    await forEachBounded(cameras, this.settings.concurrency, (camera) => this.check(camera));
  }

  private async check(camera: CheckableCamera): Promise<void> {
    const started = performance.now();
    let outcome: string;
    try {
      outcome = await this.compare(camera);
    } catch (error) {
      outcome = error instanceof OnvifError ? 'snapshot-failed' : 'failed';
      // A camera that does not answer is the health supervisor's to report (offline), not tampering.
      this.logger.warn(
        { err: error, deviceId: camera.id, enterpriseId: camera.enterpriseId },
        'view check failed',
      );
    }
    const seconds = (performance.now() - started) / 1000;
    checks.add(1, { outcome });
    checkDuration.record(seconds);
    this.logger.debug(
      { deviceId: camera.id, enterpriseId: camera.enterpriseId, outcome, seconds },
      'view checked',
    );
  }

  private async compare(camera: CheckableCamera): Promise<string> {
    const reference = await this.views.current(camera.enterpriseId, camera.id);
    if (!reference) return 'no-reference';
    const frame = await this.snapshots.take(camera);
    const [assessment, fingerprint] = await Promise.all([
      this.analysis.assess(reference.signature, frame),
      this.analysis.fingerprint(frame),
    ]);
    const at = new Date();
    const before = await this.stateOf(camera);
    const next = nextViewCheck(before, { assessed: assessment.kind, fingerprint, at }, this.settings);
    if (next.change) await this.publish(camera, reference, frame, assessment, next.change, at);
    // Kept only once published: a failed publish is retried by the next check that agrees.
    this.states.set(keyOf(camera), next.state);
    return next.observed ?? 'as-commissioned';
  }

  private async publish(
    camera: CheckableCamera,
    reference: ReferenceView,
    frame: Buffer,
    assessment: ViewAssessment,
    change: ViewChange,
    at: Date,
  ): Promise<void> {
    const current = await this.captures.store(camera, at, 'view-check', frame, 'image/jpeg', 'jpg');
    const tamper: CameraTamperEvidence = {
      kind: change.status === 'tampered' ? change.kind : change.cleared,
      referenceKey: reference.image.key,
      currentKey: current.key,
      scores: finiteScores(assessment.scores),
    };
    await this.status.publish(
      { enterpriseId: camera.enterpriseId, cameraId: camera.id },
      {
        status: change.status,
        reason: change.status === 'tampered' ? 'view-changed' : 'view-restored',
        at,
        tamper,
      },
    );
    await this.views.saveReportedKind(
      camera.enterpriseId,
      camera.id,
      change.status === 'tampered' ? change.kind : null,
      at,
    );
    this.logger.info(
      {
        deviceId: camera.id,
        enterpriseId: camera.enterpriseId,
        status: change.status,
        kind: tamper.kind,
        detail: assessment.reason,
        referenceKey: tamper.referenceKey,
        currentKey: tamper.currentKey,
      },
      change.status === 'tampered' ? 'camera view tampered' : 'camera view as commissioned again',
    );
  }

  private async stateOf(camera: CheckableCamera): Promise<ViewCheckState> {
    const known = this.states.get(keyOf(camera));
    if (known) return known;
    return initialViewCheck(await this.views.reportedKind(camera.enterpriseId, camera.id));
  }
}

const keyOf = (camera: CheckableCamera): string => `${camera.enterpriseId}/${camera.id}`;

/** The contract takes finite numbers only (a score the lib could not compute is left out). */
const finiteScores = (scores: Readonly<Record<string, number>>): Record<string, number> =>
  Object.fromEntries(Object.entries(scores).filter(([, value]) => Number.isFinite(value)));
