import { type DynamicModule, Module } from '@nestjs/common';
import { CONSOLE_OPTIONS, ConsoleController, type ConsoleOptions } from './console.controller';

/**
 * The built console; mounted only when `CONSOLE_DIR` is set, and last, after every other module, so
 * that its catch-all route is the last GET route a path is matched against.
 */
@Module({})
export class ConsoleModule {
  static register(options: ConsoleOptions): DynamicModule {
    return {
      module: ConsoleModule,
      controllers: [ConsoleController],
      providers: [{ provide: CONSOLE_OPTIONS, useValue: options }],
    };
  }
}
