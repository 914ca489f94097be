import { Inject, Injectable } from '@nestjs/common';
import { type Principal } from '@ecogate/auth';
import { ViewAnalysisPoolError } from '@ecogate/camera-tamper';
import { OnvifError } from '@ecogate/onvif';
import { type EnterpriseId } from '@ecogate/persistence';
import { type ObjectStorage } from '@ecogate/storage';
import { type Logger, LOGGER } from '@ecogate/telemetry';
import { CaptureStore, OBJECT_STORAGE } from '../capture/capture-store';
import { IngestException } from '../push/ingest.exception';
import { CameraSnapshots } from './camera-snapshots';
import {
  referenceViewView,
  type ReferenceViewHistory,
  type ReferenceViewView,
  type TakeReferenceView,
} from './reference-view.dto';
import { type CheckableCamera, ReferenceViewRepository, retakeNeedsCity } from './reference-view.repository';
import { VIEW_ANALYSIS, type ViewAnalysis } from './view-analysis';

const IMAGE_LINK_SECONDS = 60;
/** A busy analysis pool clears in seconds: the console (or a script) is asked to retry after this. */
const ANALYSIS_RETRY_AFTER_SECONDS = 5;

/** Who may replace a camera's reference view: the city, never the enterprise the camera watches. */
const RETAKE_ROLES: ReadonlySet<string> = new Set(['city-operator']);

/**
 * A camera's reference view: taken from its current snapshot at commissioning (the enterprise's
 * admin or the city), re-taken later only by the city, since an enterprise re-taking it could hide a
 * re-aim. Each take is kept, with who, when and why, and logged for the audit.
 */
@Injectable()
export class ReferenceViewService {
  private readonly logger: Logger;

  constructor(
    @Inject(ReferenceViewRepository)
    private readonly views: Pick<
      ReferenceViewRepository,
      'findCamera' | 'cameraExists' | 'current' | 'history' | 'replace'
    >,
    @Inject(CameraSnapshots) private readonly snapshots: Pick<CameraSnapshots, 'take'>,
    @Inject(VIEW_ANALYSIS) private readonly analysis: Pick<ViewAnalysis, 'signature'>,
    @Inject(CaptureStore) private readonly captures: Pick<CaptureStore, 'store'>,
    @Inject(OBJECT_STORAGE) private readonly storage: Pick<ObjectStorage, 'presignedGetUrl'>,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'reference-view' });
  }

  async take(
    enterpriseId: EnterpriseId,
    cameraId: string,
    request: TakeReferenceView,
    caller: Principal,
  ): Promise<ReferenceViewView> {
    const camera = await this.camera(enterpriseId, cameraId);
    const firstOnly = !RETAKE_ROLES.has(caller.role);
    // Refused before the snapshot, so no image is stored for nothing; `replace` decides under its lock.
    if (firstOnly && (await this.views.current(enterpriseId, cameraId))) throw retakeNeedsCity(cameraId);
    const bytes = await this.snapshots.take(camera);
    const signature = await this.analysis.signature(bytes).catch((error: unknown) => {
      // Our analysis could not run (busy, hung worker): not the camera's fault, nor the caller's.
      if (error instanceof ViewAnalysisPoolError)
        throw new IngestException(
          'analysis-busy',
          `the view analysis cannot run now (${error.reason}): retry`,
          {
            cause: error,
            retryAfterSeconds: ANALYSIS_RETRY_AFTER_SECONDS,
          },
        );
      throw new OnvifError('protocol', `the camera's snapshot is not a readable image: ${String(error)}`, {
        cause: error,
      });
    });
    const takenAt = new Date();
    const image = await this.captures.store(camera, takenAt, 'reference-view', bytes, 'image/jpeg', 'jpg');
    const { previous, current } = await this.views.replace(
      {
        enterpriseId,
        cameraId,
        image,
        signature,
        takenBy: caller.subject,
        takenByRole: caller.role,
        reason: request.reason,
        takenAt,
      },
      { firstOnly },
    );
    this.logger.info(
      {
        audit: 'camera-reference-view',
        enterpriseId,
        cameraId,
        by: caller.subject,
        role: caller.role,
        reason: request.reason,
        before: previous && { id: previous.id, imageKey: previous.image.key, takenBy: previous.takenBy },
        after: { id: current.id, imageKey: current.image.key },
      },
      previous ? 'reference view re-taken' : 'reference view taken',
    );
    return referenceViewView(current);
  }

  async history(enterpriseId: EnterpriseId, cameraId: string): Promise<ReferenceViewHistory> {
    if (!(await this.views.cameraExists(enterpriseId, cameraId))) {
      throw new IngestException('not-found', `no camera ${cameraId}`);
    }
    const history = (await this.views.history(enterpriseId, cameraId)).map(referenceViewView);
    return { current: history.find((view) => view.replacedAt === null) ?? null, history };
  }

  /** A short-lived link to one take's picture (tenant-scoped: another enterprise's camera or take is 404). */
  async imageLink(
    enterpriseId: EnterpriseId,
    cameraId: string,
    viewId: string,
  ): Promise<{ url: string; maxAgeSeconds: number }> {
    const view = (await this.views.history(enterpriseId, cameraId)).find((take) => take.id === viewId);
    if (!view) throw new IngestException('not-found', `no reference view ${viewId} of camera ${cameraId}`);
    const url = await this.storage.presignedGetUrl(view.image.bucket, view.image.key, IMAGE_LINK_SECONDS);
    // The browser may keep the redirect a little less long than the link lives.
    return { url, maxAgeSeconds: IMAGE_LINK_SECONDS - 10 };
  }

  private async camera(enterpriseId: EnterpriseId, cameraId: string): Promise<CheckableCamera> {
    const camera = await this.views.findCamera(enterpriseId, cameraId);
    if (camera) return camera;
    if (await this.views.cameraExists(enterpriseId, cameraId)) {
      throw new IngestException(
        'snapshot-unsupported',
        `camera ${cameraId} has no snapshot camera-ingest can take (an ONVIF or Hikvision camera with an address and login)`,
      );
    }
    throw new IngestException('not-found', `no camera ${cameraId}`);
  }
}
