import { Inject, Injectable } from '@nestjs/common';
import { type Principal } from '@ecogate/auth';
import { OnvifError } from '@ecogate/onvif';
import { type EnterpriseId } from '@ecogate/persistence';
import { type Logger, LOGGER } from '@ecogate/telemetry';
import { CaptureStore } from '../capture/capture-store';
import { IngestException } from '../push/ingest.exception';
import { CameraSnapshots } from './camera-snapshots';
import {
  referenceViewView,
  type ReferenceViewHistory,
  type ReferenceViewView,
  type TakeReferenceView,
} from './reference-view.dto';
import { type CheckableCamera, ReferenceViewRepository } from './reference-view.repository';
import { VIEW_ANALYSIS, type ViewAnalysis } from './view-analysis';

/**
 * A camera's reference view: taken from its current snapshot by an authorised person, at
 * commissioning or again later (each take is kept, with who, when and why, and logged for the audit).
 */
@Injectable()
export class ReferenceViewService {
  private readonly logger: Logger;

  constructor(
    @Inject(ReferenceViewRepository)
    private readonly views: Pick<
      ReferenceViewRepository,
      'findCamera' | 'cameraExists' | 'history' | 'replace'
    >,
    @Inject(CameraSnapshots) private readonly snapshots: Pick<CameraSnapshots, 'take'>,
    @Inject(VIEW_ANALYSIS) private readonly analysis: Pick<ViewAnalysis, 'signature'>,
    @Inject(CaptureStore) private readonly captures: Pick<CaptureStore, 'store'>,
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
    const bytes = await this.snapshots.take(camera);
    const signature = await this.analysis.signature(bytes).catch((error: unknown) => {
      throw new OnvifError('protocol', `the camera's snapshot is not a readable image: ${String(error)}`, {
        cause: error,
      });
    });
    const takenAt = new Date();
    const image = await this.captures.store(camera, takenAt, 'reference-view', bytes, 'image/jpeg', 'jpg');
    const { previous, current } = await this.views.replace({
      enterpriseId,
      cameraId,
      image,
      signature,
      takenBy: caller.subject,
      takenByRole: caller.role,
      reason: request.reason,
      takenAt,
    });
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
