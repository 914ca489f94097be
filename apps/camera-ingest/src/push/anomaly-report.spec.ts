import { metrics } from '@opentelemetry/api';
import { AggregationTemporality, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { normaliseVendorColour, normaliseVendorPlateType } from '@ecogate/domain';
import { type Logger } from '@ecogate/telemetry';
import { type AnprPush } from './anpr-push.adapter';

/** Collects on demand; the counter only binds to a provider registered before its module loads. */
class TestReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
}

const push: AnprPush = {
  vendor: 'dahua',
  idempotencyKey: '1041:5527',
  capturedAt: new Date('2026-11-28T01:15:02Z'),
  plateText: '沪AMS087',
  colour: normaliseVendorColour('dahua', 'Blue'),
  plateType: normaliseVendorPlateType('dahua', 'Normal'),
  confidence: 0.78,
  offline: false,
  images: {},
  anomalies: [
    { field: 'Object.Confidence', raw: '200', rule: 'rescaled-0-255' },
    { field: 'Data.UTCMS', raw: '1000', rule: 'ignored' },
  ],
  raw: { bytes: Buffer.from('{}'), contentType: 'application/json', ext: 'json' },
};

describe('reportAnomalies', () => {
  const reader = new TestReader();
  let reportAnomalies: (typeof import('./anomaly-report'))['reportAnomalies'];
  beforeAll(async () => {
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
    // Loaded after the provider is set, so its counter records into `reader`.
    ({ reportAnomalies } = await import('./anomaly-report'));
  });
  const warn = jest.fn();
  const logger = { warn } as unknown as Logger;
  const ids = { deviceId: 'cam-1', eventId: 'e-1' };

  const counted = async () => {
    const { resourceMetrics } = await reader.collect();
    const metric = resourceMetrics.scopeMetrics
      .flatMap((s) => s.metrics)
      .find((m) => m.descriptor.name === 'camera_ingest_push_anomalies_total');
    return (metric?.dataPoints ?? []).map((p) => [p.attributes, p.value]);
  };

  it('counts each anomaly by vendor and field and logs one structured warning', async () => {
    reportAnomalies(logger, push, ids);
    expect(await counted()).toEqual([
      [{ vendor: 'dahua', field: 'Object.Confidence' }, 1],
      [{ vendor: 'dahua', field: 'Data.UTCMS' }, 1],
    ]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(
      { ...ids, vendor: 'dahua', anomalies: push.anomalies },
      expect.stringContaining('out of range'),
    );
  });

  it('is silent for a clean push', async () => {
    warn.mockClear();
    reportAnomalies(logger, { ...push, anomalies: [] }, ids);
    reportAnomalies(logger, { ...push, anomalies: undefined }, ids);
    expect(warn).not.toHaveBeenCalled();
    expect((await counted()).map(([, value]) => value)).toEqual([1, 1]);
  });
});
