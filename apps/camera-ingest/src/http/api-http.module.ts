import { type DynamicModule, type INestApplicationContext, Module, type Type } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { type Logger, LOGGER } from '@ecogate/telemetry';
import { OnvifDiscoveryController } from '../onvif/onvif-discovery.controller';
import { OnvifDiscoveryService } from '../onvif/onvif-discovery.service';
import { OnvifErrorFilter } from '../onvif/onvif-error.filter';
import { OnvifMediaController } from '../onvif/onvif-media.controller';
import { OnvifMediaService } from '../onvif/onvif-media.service';
import { HTTP_STATUS_OF } from '../push/ingest.exception';
import { RegistryController } from '../registry/registry.controller';
import { RegistryService } from '../registry/registry.service';
import { ReferenceViewController } from '../tamper/reference-view.controller';
import { ReferenceViewService } from '../tamper/reference-view.service';
import { DependencyAwareErrorFilter } from './dependency-aware-error.filter';

/**
 * The operators' and services' listener (`API_HTTP_PORT`): the device registry and ONVIF media,
 * every route behind the policy guard. Kept off the cameras' push port.
 */
@Module({})
export class ApiHttpModule {
  static register(core: INestApplicationContext, logger: Logger): DynamicModule {
    const from = (token: Type) => ({ provide: token, useValue: core.get<unknown>(token) });
    return {
      module: ApiHttpModule,
      controllers: [
        RegistryController,
        OnvifMediaController,
        OnvifDiscoveryController,
        ReferenceViewController,
      ],
      providers: [
        from(RegistryService),
        from(OnvifMediaService),
        from(OnvifDiscoveryService),
        from(ReferenceViewService),
        from(OnvifErrorFilter),
        { provide: LOGGER, useValue: logger },
        {
          provide: APP_FILTER,
          useValue: new DependencyAwareErrorFilter(
            logger.child({ component: 'camera-ingest-api' }),
            HTTP_STATUS_OF,
          ),
        },
      ],
    };
  }
}
