import { type DynamicModule, type INestApplicationContext, Module, type Type } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { DataSource } from '@ecogate/persistence';
import { type Logger } from '@ecogate/telemetry';
import { HealthController } from '../health/health.controller';
import { ANPR_PUSH_ADAPTERS } from '../push/anpr-push.adapter';
import { HTTP_STATUS_OF } from '../push/ingest.exception';
import { IngestPushService } from '../push/ingest-push.service';
import { LoadingAreaPushService } from '../push/loading-area-push.service';
import { PushAuthService } from '../push/push-auth.service';
import { PushController } from '../push/push.controller';
import { PUSH_SETTINGS } from '../push/push-settings';
import { DependencyAwareErrorFilter } from './dependency-aware-error.filter';

/**
 * The cameras' listener (`HTTP_PORT`): pushes, which carry their device secret, and health. No
 * registry or media route exists here, so nothing a camera network can reach hands out secrets.
 */
@Module({})
export class PushHttpModule {
  static register(core: INestApplicationContext, logger: Logger): DynamicModule {
    const from = (token: Type | string | symbol) => ({ provide: token, useValue: core.get<unknown>(token) });
    return {
      module: PushHttpModule,
      controllers: [PushController, HealthController],
      providers: [
        from(ANPR_PUSH_ADAPTERS),
        from(PushAuthService),
        from(IngestPushService),
        from(LoadingAreaPushService),
        from(PUSH_SETTINGS),
        from(DataSource),
        {
          provide: APP_FILTER,
          useValue: new DependencyAwareErrorFilter(
            logger.child({ component: 'camera-ingest-push' }),
            HTTP_STATUS_OF,
          ),
        },
      ],
    };
  }
}
