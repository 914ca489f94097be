import { type DynamicModule, Module } from '@nestjs/common';
import {
  ALERT_VIEW_STREAM_OPTIONS,
  AlertViewStreamController,
  type AlertViewStreamOptions,
} from './alert-view-stream.controller';
import { LIVE_OPTIONS, LiveLanesController, type LiveOptions } from './live-lanes.controller';

/** The live streams (Server-Sent Events): an enterprise's lanes, the city's alert view. */
@Module({})
export class LiveModule {
  static register(options: LiveOptions & { readonly alertView: AlertViewStreamOptions }): DynamicModule {
    return {
      module: LiveModule,
      controllers: [LiveLanesController, AlertViewStreamController],
      providers: [
        { provide: LIVE_OPTIONS, useValue: options },
        { provide: ALERT_VIEW_STREAM_OPTIONS, useValue: options.alertView },
      ],
    };
  }
}
