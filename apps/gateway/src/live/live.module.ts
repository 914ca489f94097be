import { type DynamicModule, Module } from '@nestjs/common';
import { LIVE_OPTIONS, LiveLanesController, type LiveOptions } from './live-lanes.controller';

/** The live lanes stream (Server-Sent Events). */
@Module({})
export class LiveModule {
  static register(options: LiveOptions): DynamicModule {
    return {
      module: LiveModule,
      controllers: [LiveLanesController],
      providers: [{ provide: LIVE_OPTIONS, useValue: options }],
    };
  }
}
