import { type DynamicModule, Module } from '@nestjs/common';
import { ManualControlController } from './manual-control.controller';
import { ManualControlService } from './manual-control.service';

/** Services are built by the composition root and handed in: no reflection metadata is needed. */
@Module({})
export class ManualControlModule {
  static register(manual: ManualControlService): DynamicModule {
    return {
      module: ManualControlModule,
      controllers: [ManualControlController],
      providers: [{ provide: ManualControlService, useValue: manual }],
    };
  }
}
