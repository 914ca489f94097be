import { type DynamicModule, Module } from '@nestjs/common';
import { BarrierStateController } from './barrier-state.controller';
import { BarrierStateService } from './barrier-state.service';

/** The service is built by the composition root and handed in. */
@Module({})
export class BarrierStateModule {
  static register(states: BarrierStateService): DynamicModule {
    return {
      module: BarrierStateModule,
      controllers: [BarrierStateController],
      providers: [{ provide: BarrierStateService, useValue: states }],
    };
  }
}
