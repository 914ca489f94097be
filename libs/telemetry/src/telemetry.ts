import { metrics, type Meter } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

export interface TelemetryOptions {
  serviceName: string;
  /** Prometheus scrape endpoint (`/metrics`); `false` keeps metrics in-process only. */
  metrics: { host: string; port: number } | false;
  /** OTLP/HTTP collector for traces; without one, spans still exist for propagation but are not exported. */
  otlpEndpoint?: string;
}

export interface Telemetry {
  /** The address the Prometheus endpoint listens on, once started. */
  readonly metricsUrl?: string;
  shutdown(): Promise<void>;
}

/** Keeps trace ids flowing through logs and messages when no collector is configured. */
const unexportedSpans: SpanProcessor = {
  onStart: () => undefined,
  onEnd: () => undefined,
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};

/** Starts OpenTelemetry for the process: traces (W3C context) and metrics with a Prometheus endpoint. */
export async function startTelemetry(options: TelemetryOptions): Promise<Telemetry> {
  const exporter = options.metrics
    ? new PrometheusExporter({
        host: options.metrics.host,
        port: options.metrics.port,
        preventServerStart: true,
      })
    : undefined;
  const spanProcessor = options.otlpEndpoint
    ? new BatchSpanProcessor(
        new OTLPTraceExporter({ url: `${options.otlpEndpoint.replace(/\/$/, '')}/v1/traces` }),
      )
    : unexportedSpans;
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }),
    autoDetectResources: false,
    spanProcessors: [spanProcessor],
    ...(exporter ? { metricReaders: [exporter] } : {}),
    instrumentations: [],
  });
  sdk.start();
  let metricsUrl: string | undefined;
  if (exporter && options.metrics) {
    await exporter.startServer();
    metricsUrl = `http://${options.metrics.host}:${options.metrics.port}/metrics`;
  }
  return {
    metricsUrl,
    async shutdown() {
      await sdk.shutdown();
    },
  };
}

/** A meter for one component; instruments created before `startTelemetry` are bound once it runs. */
export const meter = (component: string): Meter => metrics.getMeter(`ecogate.${component}`);
