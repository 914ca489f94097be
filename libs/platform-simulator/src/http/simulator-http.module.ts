import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { RequestAuthenticator } from '../auth/request-authenticator';
import { FaultInjector } from '../faults/fault-injector';
import { HeartbeatService } from '../ingest/heartbeat.service';
import { RecordIngestService } from '../ingest/record-ingest.service';
import { LivenessTracker } from '../state/liveness-tracker';
import { RecordStore } from '../state/record-store';
import { SimulatorStats } from '../state/simulator-stats';
import { TcpPlatformServer } from '../tcp/tcp-platform.server';
import { ListenerControl } from './listener-control';
import { PlatformApiController } from './platform-api.controller';
import { PlatformFaultMiddleware } from './platform-fault.middleware';
import { SimAdminController } from './sim-admin.controller';
import { SimulatorLimits } from './simulator-limits';

/** The objects HTTP shares with the TCP server; built once by `startPlatformSimulator`. */
export interface SimulatorServices {
  authenticator: RequestAuthenticator;
  ingest: RecordIngestService;
  heartbeats: HeartbeatService;
  faults: FaultInjector;
  listeners: ListenerControl;
  store: RecordStore;
  stats: SimulatorStats;
  liveness: LivenessTracker;
  tcp: TcpPlatformServer;
  limits: SimulatorLimits;
}

@Module({})
export class SimulatorHttpModule implements NestModule {
  static register(services: SimulatorServices): DynamicModule {
    return {
      module: SimulatorHttpModule,
      controllers: [PlatformApiController, SimAdminController],
      providers: [
        { provide: RequestAuthenticator, useValue: services.authenticator },
        { provide: RecordIngestService, useValue: services.ingest },
        { provide: HeartbeatService, useValue: services.heartbeats },
        { provide: FaultInjector, useValue: services.faults },
        { provide: ListenerControl, useValue: services.listeners },
        { provide: RecordStore, useValue: services.store },
        { provide: SimulatorStats, useValue: services.stats },
        { provide: LivenessTracker, useValue: services.liveness },
        { provide: TcpPlatformServer, useValue: services.tcp },
        { provide: SimulatorLimits, useValue: services.limits },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(PlatformFaultMiddleware).forRoutes(PlatformApiController);
  }
}
