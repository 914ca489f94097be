import { meter } from '@ecogate/telemetry';

const m = meter('provincial-upload');

// Created once per process: OpenTelemetry instruments are global by name.
export const uploadMetrics = {
  backlog: m.createObservableGauge('upload_backlog_records', {
    description: 'Records waiting for delivery (pending or in flight), per enterprise',
  }),
  delivered: m.createCounter('upload_delivered_total', {
    description: 'Records the platform acknowledged, by ack status (accepted or duplicate)',
  }),
  rejected: m.createCounter('upload_rejected_total', {
    description: 'Records refused by the platform or by pre-send validation',
  }),
  failures: m.createCounter('upload_send_failures_total', {
    description: 'Failed platform calls, by failure kind and code',
  }),
  latency: m.createHistogram('upload_delivery_latency_seconds', {
    description: 'From capture at the gate to acknowledgement by the platform',
    unit: 's',
  }),
  configurationError: m.createObservableGauge('upload_platform_configuration_error', {
    description: '1 while delivery is stopped because the platform refuses our credentials',
  }),
};
