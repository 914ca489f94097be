import { TokenVerifier, type TokenVerifierOptions, usePolicy, POLICY, withPolicy } from '@ecogate/auth';
import { CodedErrorFilter, serveOpenApi } from '@ecogate/http-edge';
import { BARRIER_CONTROL_ERROR_STATUS } from './errors/barrier-control.exception';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { DeviceNetworks } from '@ecogate/config';
import { type TopicName } from '@ecogate/contracts';
import {
  type ConsumerHealth,
  ConsumerHealthModule,
  createMessagingTransport,
  type MessagingSettings,
} from '@ecogate/messaging';
import { openPostgresEventLog } from '@ecogate/persistence';
import { correlationMiddleware, type Logger } from '@ecogate/telemetry';
import { BarrierControlApiModule } from './api/barrier-control-api.module';
import { BarrierCommandService } from './barrier-command/barrier-command.service';
import { BarrierStateModule } from './barrier-state/barrier-state.module';
import { BarrierStateService } from './barrier-state/barrier-state.service';
import { type BarrierControlConfig } from './config/barrier-control.config';
import { DecideOnReadService } from './decide-on-read/decide-on-read.service';
import { type BarrierStore } from './durable/barrier-store.port';
import { LogDisplay } from './display/log-display';
import { BarrierDrivers } from './drivers/barrier-drivers';
import { DahuaStrobeDriver } from './drivers/dahua-strobe/dahua-strobe.driver';
import { HikvisionIsapiDriver } from './drivers/hikvision-isapi/hikvision-isapi.driver';
import { OnvifRelayDriver } from './drivers/onvif-relay/onvif-relay.driver';
import { VzenithReplyDriver } from './drivers/vzenith-reply/vzenith-reply.driver';
import { ViolationPublisher } from './events/violation-publisher';
import { type GateSettings } from './gate-settings/gate-settings.port';
import { LaneStates } from './lane-state/lane-states';
import { ManualControlModule } from './manual-control/manual-control.module';
import { VzenithReplyModule } from './vzenith-reply/vzenith-reply.module';
import { VzenithReplyService } from './vzenith-reply/vzenith-reply.service';
import { barrierControlOpenApi } from './openapi/barrier-control.openapi';
import { ManualControlService } from './manual-control/manual-control.service';
import { type VehicleRegistry } from './vehicles/vehicle-registry.port';

export const BARRIER_CONSUMER_GROUP = 'barrier-control';
const PUBLISHES: readonly TopicName[] = [
  'gate.barrier.decided.v1',
  'gate.barrier.commanded.v1',
  'gate.violation.detected.v1',
];

export type BarrierControlServiceConfig = Pick<BarrierControlConfig, 'http' | 'lanes' | 'drivers'> &
  /** Default (tests): loopback + RFC 1918. */
  Partial<Pick<BarrierControlConfig, 'deviceNetworks'>> & {
    /** Kafka or the embedded event bus (`messagingConfig`, ADR 0008): the same reads and decisions either way. */
    readonly messaging: MessagingSettings;
    /** Whose tokens are trusted: the gateway's JWKS and the service keys (a `TestIssuer`'s in tests). */
    readonly verifier: TokenVerifierOptions;
  };

export interface BarrierControlService {
  /** Operator API base URL. */
  readonly url: string;
  readonly vzenith: VzenithReplyDriver;
  readonly display: LogDisplay;
  /** Resolves once the read consumer has its partitions. */
  ready(): Promise<void>;
  /** The read consumer's health: `degraded` while a partition waits for the database (ADR 0005). */
  health(): ConsumerHealth;
  close(): Promise<void>;
}

/**
 * The composition root: consumer of plate reads, publisher (over Kafka or the embedded bus, as
 * configured), drivers, display and the operator API. Ports come in from the caller
 * (configuration-backed in `main.ts`, in-memory in tests).
 */
export async function startBarrierControl(
  config: BarrierControlServiceConfig,
  ports: {
    readonly settings: GateSettings;
    readonly vehicles: VehicleRegistry;
    /** Lane states and captures across restarts (`PostgresBarrierStore` in `main.ts`); in memory if absent. */
    readonly store?: BarrierStore;
  },
  logger: Logger,
): Promise<BarrierControlService> {
  const transport = await createMessagingTransport(config.messaging, {
    logger,
    openEventLog: openPostgresEventLog,
  });
  await transport.ensureTopics(PUBLISHES.map((topic) => ({ name: transport.physicalTopic(topic) })));
  const publisher = transport.createPublisher();
  await publisher.connect();

  const vzenith = new VzenithReplyDriver(config.drivers.vzenithReplyTtlMs);
  const networks = config.deviceNetworks ?? DeviceNetworks.defaults;
  const drivers = new BarrierDrivers([
    new HikvisionIsapiDriver(config.drivers.isapiTimeoutMs, networks),
    new DahuaStrobeDriver({ timeoutMs: config.drivers.dahuaTimeoutMs, networks }),
    new OnvifRelayDriver({ ...config.drivers.onvifRelay, networks }),
    vzenith,
  ]);
  const lanes = new LaneStates(config.lanes, ports.store);
  const display = new LogDisplay(logger.child({ component: 'display' }));
  const commands = new BarrierCommandService(drivers, publisher, logger.child({ component: 'barrier' }));
  const decideOnRead = new DecideOnReadService(
    ports.settings,
    ports.vehicles,
    lanes,
    publisher,
    commands,
    new ViolationPublisher(publisher),
    display,
    logger.child({ component: 'decide' }),
    config.lanes.fusionWaitMs,
  );

  const consumer = transport.createConsumer({
    groupId: BARRIER_CONSUMER_GROUP,
    // No processed-event store: a read (redelivered or re-sent in a new envelope) is idempotent by
    // its capture and read id in the lanes' store, which also outlives a restart.
    handlers: {
      'anpr.plate.read.v1': async (event) => {
        await decideOnRead.execute(event);
      },
    },
  });
  await transport.ensureTopics(consumer.topics().map((name) => ({ name })));
  // Lanes, decisions and held reads as they were before a restart, before any read is handled.
  await decideOnRead.resume();
  const pruning = prunePeriodically(lanes.store, logger);
  await consumer.start();

  const manual = new ManualControlService(ports.settings, lanes, decideOnRead, publisher, commands);
  const states = new BarrierStateService(
    ports.settings,
    lanes,
    new ViolationPublisher(publisher),
    logger.child({ component: 'barrier-state' }),
  );
  const app = await NestFactory.create<NestExpressApplication>(
    BarrierControlApiModule.register([
      ConsumerHealthModule.register(() => consumer.health()),
      ManualControlModule.register(manual),
      BarrierStateModule.register(states),
      VzenithReplyModule.register(
        new VzenithReplyService(ports.settings, lanes, vzenith, {
          waitMs: config.drivers.vzenithReplyWaitMs ?? 1_000,
        }),
      ),
    ]),
    // Throw a failed start to the caller (runService logs it; a test sees it) instead of Nest exiting the process.
    { logger: false, abortOnError: false },
  );
  app.use(correlationMiddleware);
  serveOpenApi(app, withPolicy(barrierControlOpenApi, POLICY['barrier-control']));
  app.useGlobalFilters(
    new CodedErrorFilter(logger.child({ component: 'operator-api' }), BARRIER_CONTROL_ERROR_STATUS),
  );
  // Every route by the policy table: who acts at a lane is who their verified token says.
  usePolicy(app, 'barrier-control', new TokenVerifier(config.verifier), logger);
  await app.listen(config.http.port, config.http.host);
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');

  return {
    url,
    vzenith,
    display,
    ready: () => consumer.ready(),
    health: () => consumer.health(),
    async close() {
      clearInterval(pruning);
      await app.close();
      await consumer.stop();
      await decideOnRead.flush();
      await publisher.disconnect();
      await transport.close();
    },
  };
}

/** Captures are kept longer than Kafka keeps reads (7 days by default), so any redelivery finds its own. */
const KEEP_CAPTURES_MS = 8 * 24 * 3600_000;

function prunePeriodically(store: BarrierStore, logger: Logger): NodeJS.Timeout {
  const prune = (): void =>
    void store
      .prune(new Date(Date.now() - KEEP_CAPTURES_MS))
      .catch((err: unknown) => logger.warn({ err }, 'old captures not pruned'));
  prune();
  return setInterval(prune, 3600_000).unref();
}
