import { createLogger, type Logger } from './logger';
import { startTelemetry } from './telemetry';

export interface ServiceHandle {
  /** Where the service answers, for the "ready" log line. */
  readonly url?: string;
  close(): Promise<void>;
}

export interface ServiceSetup {
  readonly observability: {
    readonly logLevel: string;
    readonly metrics: { readonly host: string; readonly port: number };
    readonly otlpEndpoint?: string;
    readonly enabled: boolean;
  };
  readonly start: (logger: Logger) => Promise<ServiceHandle>;
}

/**
 * The life of a service process: telemetry first (so startup is traced and counted), then the
 * service; on SIGINT/SIGTERM it closes the service and flushes telemetry before exiting.
 * `setup` loads the configuration: a bad variable exits with status 1 and the reason on stderr,
 * before any logger exists; so does any failure to start.
 */
export async function runService(service: string, setup: () => ServiceSetup): Promise<void> {
  let configured: ServiceSetup;
  try {
    configured = setup();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  const { observability, start } = configured;
  const logger = createLogger({ service, level: observability.logLevel });
  try {
    const telemetry = observability.enabled
      ? await startTelemetry({
          serviceName: service,
          metrics: observability.metrics,
          ...(observability.otlpEndpoint ? { otlpEndpoint: observability.otlpEndpoint } : {}),
        })
      : undefined;
    const handle = await start(logger);
    logger.info({ url: handle.url, metrics: telemetry?.metricsUrl }, `${service} ready`);
    const stop = (signal: string): void => {
      logger.info({ signal }, 'stopping');
      handle
        .close()
        .then(() => telemetry?.shutdown())
        .then(
          () => process.exit(0),
          (error: unknown) => {
            logger.error({ err: error }, 'stop failed');
            process.exit(1);
          },
        );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    logger.fatal({ err: error }, `${service} failed to start`);
    process.exit(1);
  }
}
