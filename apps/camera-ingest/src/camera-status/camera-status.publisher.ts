import { Inject, Injectable } from '@nestjs/common';
import { EVENT_PUBLISHER, type EventPublisher } from '@ecogate/messaging';
import { meter } from '@ecogate/telemetry';
import { randomUUID } from 'node:crypto';
import { type StatusChange } from './camera-health';

const statusChanges = meter('camera-ingest').createCounter('camera_ingest_status_changes_total', {
  description: 'camera.status.changed.v1 events by status and reason',
});

export interface StatusSubject {
  readonly enterpriseId: string;
  readonly cameraId: string;
}

/** Publishes a camera's status changes, keyed per camera so they stay in order. */
@Injectable()
export class CameraStatusPublisher {
  constructor(@Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher) {}

  async publish(subject: StatusSubject, change: StatusChange): Promise<void> {
    await this.publisher.publish('camera.status.changed.v1', {
      enterpriseId: subject.enterpriseId,
      key: `${subject.enterpriseId}/${subject.cameraId}`,
      eventId: randomUUID(),
      occurredAt: change.at,
      payload: {
        cameraId: subject.cameraId,
        enterpriseId: subject.enterpriseId,
        status: change.status,
        reason: change.reason,
        at: change.at.toISOString(),
        ...(change.clockDriftMs !== undefined ? { clockDriftMs: change.clockDriftMs } : {}),
        ...(change.tamper ? { tamper: change.tamper } : {}),
      },
    });
    statusChanges.add(1, { status: change.status, reason: change.reason });
  }
}
