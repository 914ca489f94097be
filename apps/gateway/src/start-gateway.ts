import 'reflect-metadata';
import { type Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { TokenVerifier, usePolicy } from '@ecogate/auth';
import { CodedErrorFilter, serveOpenApi } from '@ecogate/http-edge';
import { createMessagingTransport } from '@ecogate/messaging';
import {
  createDataSource,
  type DataSource,
  openPostgresEventLog,
  OutboxRelay,
  publishEnvelopesThrough,
} from '@ecogate/persistence';
import { FilesystemObjectStorage } from '@ecogate/storage';
import { correlationMiddleware, type Logger } from '@ecogate/telemetry';
import helmet from 'helmet';
import { AccountsService } from './accounts/accounts.service';
import { ApiKeysService } from './api-keys/api-keys.service';
import { enterpriseChangeAudit, signOnAudit } from './audit/audit-adapters';
import { AuditLog, purgeAudit } from './audit/audit-log';
import { type GatewayConfig } from './config/gateway.config';
import { ConsoleFiles, consoleContentSecurityPolicy } from './console';
import { authenticate } from './edge/authenticate';
import { startInternalListener } from './edge/internal-listener';
import { TokenBuckets } from './edge/token-bucket';
import { VerifiedTokens } from './edge/verified-tokens';
import { ENTERPRISE_TOPIC, EnterpriseDirectory } from './enterprises';
import { gatewayEntities, gatewayMigrations } from './gateway.data-source';
import { GatewayDeps } from './http/deps';
import { ALL_ERROR_STATUS } from './http/error-status';
import { GatewayModule } from './http/gateway.module';
import { gatewayOpenApi } from './http/gateway.openapi';
import { GatewaySessionStarter } from './http/session-issue';
import { createLiveFeed, LaneStreams, ledgerAlertViewSource } from './live';
import { type ObjectsModuleOptions } from './objects';
import { OidcSignOn } from './oidc';
import { KnownEnterprises } from './proxy/known-enterprises';
import { createProxy } from './proxy/proxy';
import { SessionsService } from './sessions/sessions.service';
import { loadGatewayKeys } from './signing/gateway-keys';

export type GatewayServiceConfig = Pick<
  GatewayConfig,
  | 'database'
  | 'messaging'
  | 'objectStorage'
  | 'outbox'
  | 'oidc'
  | 'http'
  | 'internalHttp'
  | 'signing'
  | 'accounts'
  | 'sessions'
  | 'edge'
  | 'auditRetentionDays'
  | 'upstreams'
  | 'live'
  | 'console'
>;

export interface GatewayService {
  /** The public listener (people, integrators). */
  readonly url: string;
  /** The internal listener (JWKS, health). */
  readonly internalUrl: string;
  readonly dataSource: DataSource;
  /** Resolves once the live feed is positioned: events published from now on reach the live streams. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export interface GatewayStartOptions {
  /** Bench only: the proxy forwards without the policy pre-check. */
  readonly skipProxyPolicy?: boolean;
}

/**
 * The composition root: database, the directory's topic and outbox relay on the configured bus
 * (Kafka or the embedded event log), the live feed (an ephemeral consumer of lane events), keys,
 * internal listener (JWKS), then the public edge with the directory, single sign-on, the live lanes
 * stream, (filesystem object storage) signed links and (`CONSOLE_DIR`) the console mounted.
 */
export async function startGateway(
  config: GatewayServiceConfig,
  logger: Logger,
  options: GatewayStartOptions = {},
): Promise<GatewayService> {
  const dataSource = createDataSource({
    url: config.database.url.reveal(),
    entities: gatewayEntities,
    migrations: gatewayMigrations,
    name: 'gateway',
    logger: logger.child({ component: 'typeorm' }),
  });
  await dataSource.initialize();
  const transport = await createMessagingTransport(config.messaging, {
    logger,
    openEventLog: openPostgresEventLog,
  });
  const streams = new LaneStreams({
    perEnterprise: config.live.maxStreamsPerEnterprise,
    total: config.live.maxStreams,
  });
  // The alert view's streams, limited per caller (subject) and in all like the lanes'.
  const alertViewStreams = new LaneStreams({
    perEnterprise: config.live.maxStreamsPerEnterprise,
    total: config.live.maxStreams,
  });
  const feed = createLiveFeed(transport, streams, logger.child({ component: 'live-feed' }));
  // The live topics are barrier control's and camera ingest's; created here too if the gateway starts first.
  await transport.ensureTopics([
    { name: transport.physicalTopic(ENTERPRISE_TOPIC) },
    ...feed.topics().map((name) => ({ name })),
  ]);
  await feed.start();
  const publisher = transport.createPublisher();
  await publisher.connect();
  const relay = new OutboxRelay(dataSource, publishEnvelopesThrough(publisher), {
    pollIntervalMs: config.outbox.pollIntervalMs,
    logger: logger.child({ component: 'outbox-relay' }),
  });
  relay.start();
  const keys = await loadGatewayKeys({
    ...config.signing,
    accessTokenSeconds: config.sessions.accessTokenSeconds,
  });
  const internal = await startInternalListener(keys.jwks, config.internalHttp.host, config.internalHttp.port);
  // The gateway checks its own tokens exactly as services do: through its published JWKS.
  const verifier = new TokenVerifier({ jwksUrl: `${internal.url}/.well-known/jwks.json` });

  const audit = new AuditLog(dataSource, logger.child({ component: 'audit' }));
  const directory = new EnterpriseDirectory(dataSource, { audit: enterpriseChangeAudit(audit) });
  const accounts = new AccountsService(dataSource, config.accounts, directory, audit);
  const sessions = new SessionsService(dataSource, config.sessions);
  const apiKeys = new ApiKeysService(dataSource, keys.signer, audit);
  const perMinute = config.edge.loginPerMinute;
  const deps = new GatewayDeps(
    accounts,
    sessions,
    apiKeys,
    audit,
    keys.signer,
    config.sessions,
    new TokenBuckets(perMinute, perMinute / 60),
    new TokenBuckets(perMinute, perMinute / 60),
  );

  const knownEnterprises = new KnownEnterprises((id) => directory.exists(id));
  const signOn = config.oidc
    ? new OidcSignOn(config.oidc, { enterpriseExists: (id) => directory.exists(id) })
    : undefined;
  const modules = GatewayModule.register(deps, {
    directory,
    oidc: { signOn, sessions: new GatewaySessionStarter(deps), audit: signOnAudit(audit) },
    live: {
      streams,
      sse: { heartbeatMs: config.live.heartbeatMs, retryMs: 2_000, maxBufferedBytes: 1024 * 1024 },
      enterpriseExists: (id) => knownEnterprises.exists(id),
      alertView: {
        ...(config.upstreams.ledger ? { source: ledgerAlertViewSource(config.upstreams.ledger) } : {}),
        streams: alertViewStreams,
        sse: { heartbeatMs: config.live.heartbeatMs, retryMs: 2_000, maxBufferedBytes: 1024 * 1024 },
        intervalMs: config.live.alertViewIntervalMs,
        log: logger.child({ component: 'alert-view-stream' }),
      },
    },
    ...(config.objectStorage.kind === 'filesystem'
      ? { objects: signedLinkObjects(config.objectStorage, logger) }
      : {}),
    ...(config.console
      ? {
          console: {
            files: new ConsoleFiles(config.console.dir),
            contentSecurityPolicy: consoleContentSecurityPolicy(config.console.imageOrigins),
          },
        }
      : {}),
  });
  const app = await NestFactory.create<NestExpressApplication>(modules, {
    logger: false,
    abortOnError: false,
    bodyParser: false,
    cors:
      config.edge.corsOrigins.length > 0
        ? { origin: [...config.edge.corsOrigins], credentials: true }
        : false,
  });
  const express = app.getHttpAdapter().getInstance() as {
    disable(setting: string): void;
  };
  express.disable('x-powered-by');
  app.use(helmet());
  app.use(correlationMiddleware);
  app.use(
    authenticate({
      verifiedTokens: new VerifiedTokens(verifier),
      sessions,
      accounts,
      apiKeys,
      apiKeyLimiter: new TokenBuckets(config.edge.apiKeyPerSecond * 2, config.edge.apiKeyPerSecond),
      secureCookies: config.sessions.secureCookies,
      trustedProxyHops: config.edge.trustedProxyHops,
      log: logger.child({ component: 'authenticate' }),
    }),
  );
  // Before the body parser: proxied bodies stream through untouched.
  app.use(
    createProxy({
      upstreams: config.upstreams,
      maxBodyBytes: config.edge.proxyMaxBodyBytes,
      log: logger.child({ component: 'proxy' }),
      enterprises: knownEnterprises,
      ...(options.skipProxyPolicy ? { skipPolicy: true } : {}),
    }),
  );
  app.useBodyParser('json', { limit: '16kb' });
  serveOpenApi(app, gatewayOpenApi);
  usePolicy(app, 'gateway', verifier, logger);
  app.useGlobalFilters(new CodedErrorFilter(logger.child({ component: 'gateway-api' }), ALL_ERROR_STATUS));
  await app.listen(config.http.port, config.http.host);
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');

  const purge = setInterval(() => {
    purgeAudit(dataSource, config.auditRetentionDays).catch((error: unknown) =>
      logger.error({ err: error }, 'audit purge failed'),
    );
  }, 6 * 3600_000);
  purge.unref();

  return {
    url,
    internalUrl: internal.url,
    dataSource,
    ready: () => feed.ready(),
    async close() {
      clearInterval(purge);
      // Open streams first: the server's close would otherwise wait on them.
      streams.closeAll();
      alertViewStreams.closeAll();
      await feed.stop();
      await app.close();
      await closeServer(internal.server);
      await relay.stop();
      await publisher.disconnect();
      await dataSource.destroy();
      await transport.close();
    },
  };
}

/**
 * The services' filesystem object store, read by the signed-link route. Built directly, not through
 * `createObjectStorage`: the route needs the filesystem store's ranged reads, and it exists only in
 * that profile. The gateway only reads; each service writes its own buckets.
 */
function signedLinkObjects(
  settings: Extract<GatewayServiceConfig['objectStorage'], { kind: 'filesystem' }>,
  logger: Logger,
): ObjectsModuleOptions {
  const signedLinks = { baseUrl: settings.signedLinks.baseUrl, secret: settings.signedLinks.secret.reveal() };
  return {
    storage: new FilesystemObjectStorage({ root: settings.root, signedLinks }),
    signedLinks,
    log: logger.child({ component: 'signed-links' }),
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
