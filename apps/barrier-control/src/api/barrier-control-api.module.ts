import { type DynamicModule, Module } from '@nestjs/common';

/** The HTTP app's root: each feature module (operator actions, state reports, …) is registered here. */
@Module({})
export class BarrierControlApiModule {
  static register(features: readonly DynamicModule[]): DynamicModule {
    return { module: BarrierControlApiModule, imports: [...features] };
  }
}
