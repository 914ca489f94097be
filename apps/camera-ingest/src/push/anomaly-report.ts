import { type Logger, meter } from '@ecogate/telemetry';
import { type AnprPush } from './anpr-push.adapter';

const anomalies = meter('camera-ingest').createCounter('camera_ingest_push_anomalies_total', {
  description:
    'Optional vendor values out of range or shape, normalised instead of refused, by vendor and field',
});

/**
 * Counts and logs the anomalies of an accepted capture, so that a firmware with another scale
 * shows on a dashboard instead of as lost reads. Fields are the adapters' constant paths: bounded labels.
 */
export function reportAnomalies(
  logger: Logger,
  push: AnprPush,
  ids: { deviceId: string; eventId: string },
): void {
  const found = push.anomalies ?? [];
  if (found.length === 0) return;
  for (const anomaly of found) anomalies.add(1, { vendor: push.vendor, field: anomaly.field });
  logger.warn(
    { ...ids, vendor: push.vendor, anomalies: found },
    'push accepted with vendor values out of range or shape',
  );
}
