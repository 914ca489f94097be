import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { correlationMiddleware, createLogger } from '@ecogate/telemetry';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { RequestAuthenticator } from './auth/request-authenticator';
import { PlatformException } from './errors/platform.exception';
import { FaultInjector } from './faults/fault-injector';
import { ListenerControl } from './http/listener-control';
import { PlatformExceptionFilter } from './http/platform-exception.filter';
import { requestLogMiddleware } from './http/request-log.middleware';
import { SimulatorHttpModule } from './http/simulator-http.module';
import { SimulatorLimits } from './http/simulator-limits';
import { SwitchableListener } from './http/switchable-listener';
import { HeartbeatService } from './ingest/heartbeat.service';
import { RecordIngestService } from './ingest/record-ingest.service';
import { type PlatformSimulatorOptions, resolveOptions } from './platform-simulator.options';
import { LivenessTracker } from './state/liveness-tracker';
import { NonceCache } from './state/nonce-cache';
import { RecordStore } from './state/record-store';
import { SimulatorStats } from './state/simulator-stats';
import { TcpPlatformServer } from './tcp/tcp-platform.server';

export interface PlatformSimulator {
  /** Platform API base URL, e.g. `http://127.0.0.1:41234` (POST /api/v1/records). */
  httpUrl: string;
  /** Control API base URL (`/_sim/*`); stays up while the platform is `down`. */
  adminUrl: string;
  tcpHost: string;
  tcpPort: number;
  close(): Promise<void>;
}

const hostForUrl = (host: string): string => (host.includes(':') ? `[${host}]` : host);

/**
 * Starts the reference supervision platform in-process: HTTP platform API, TCP platform, and a
 * control API on its own port. Ports default to 0 (picked by the OS) on 127.0.0.1, so
 * integration tests of other apps can start one per test file.
 */
export async function startPlatformSimulator(options: PlatformSimulatorOptions): Promise<PlatformSimulator> {
  const settings = resolveOptions(options);
  const logger = settings.logger ?? createLogger({ service: 'platform-simulator', level: settings.logLevel });

  const stats = new SimulatorStats();
  const store = new RecordStore({ maxRecords: settings.maxRecords, maxSerials: settings.maxSerials });
  const liveness = new LivenessTracker(settings.heartbeatIntervalMs);
  const faults = new FaultInjector(stats, settings.faultSeed);
  const authenticator = new RequestAuthenticator(
    { apps: settings.apps, signMethods: settings.signMethods, timestampWindowMs: settings.timestampWindowMs },
    new NonceCache(2 * settings.timestampWindowMs),
    stats,
  );
  const ingest = new RecordIngestService(store, stats);
  const heartbeats = new HeartbeatService(liveness, stats);
  const listeners = new ListenerControl();
  const tcp = new TcpPlatformServer({
    authenticator,
    ingest,
    heartbeats,
    faults,
    logger,
    maxFrameBytes: settings.maxFrameBytes,
    heartbeatIntervalMs: settings.heartbeatIntervalMs,
  });

  const adapter = new ExpressAdapter();
  const app = await NestFactory.create(
    SimulatorHttpModule.register({
      authenticator,
      ingest,
      heartbeats,
      faults,
      listeners,
      store,
      stats,
      liveness,
      tcp,
      limits: new SimulatorLimits(settings.maxBodyBytes, settings.heartbeatIntervalMs),
    }),
    adapter,
    // The signature covers the raw bytes, so no body parser may run; Nest's own logs go through pino.
    { bodyParser: false, logger: false },
  );
  app.use(correlationMiddleware);
  app.use(requestLogMiddleware(logger));
  app.useGlobalFilters(new PlatformExceptionFilter(logger));
  await app.init();
  const handler = adapter.getInstance<(req: IncomingMessage, res: ServerResponse) => void>();

  // Two HTTP listeners over one Nest app: the platform one can go down, the control one cannot.
  const platformHttp = new SwitchableListener(() => createServer(handler), settings.host, settings.httpPort);
  const admin = new SwitchableListener(
    () =>
      createServer((req, res) => {
        if (req.url?.startsWith('/_sim/')) return handler(req, res);
        const error = new PlatformException('not-found', 'the control port serves /_sim/* only');
        res.writeHead(error.httpStatus, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(error.toBody()));
      }),
    settings.host,
    settings.adminPort,
  );
  const tcpListener = new SwitchableListener(tcp.createServer, settings.host, settings.tcpPort);
  listeners.attach(platformHttp, tcpListener);

  try {
    await Promise.all([platformHttp.start(), admin.start(), tcpListener.start()]);
  } catch (error) {
    await Promise.all([platformHttp.stop(), admin.stop(), tcpListener.stop(), app.close()]);
    throw error;
  }
  const host = hostForUrl(settings.host);
  logger.info(
    {
      httpPort: platformHttp.port,
      adminPort: admin.port,
      tcpPort: tcpListener.port,
      apps: [...settings.apps.keys()],
    },
    'platform simulator listening',
  );

  let closing: Promise<void> | undefined;
  return {
    httpUrl: `http://${host}:${platformHttp.port}`,
    adminUrl: `http://${host}:${admin.port}`,
    tcpHost: settings.host,
    tcpPort: tcpListener.port,
    close() {
      closing ??= Promise.all([platformHttp.stop(), admin.stop(), tcpListener.stop()]).then(() =>
        app.close(),
      );
      return closing;
    },
  };
}
