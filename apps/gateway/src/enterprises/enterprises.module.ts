import { type DynamicModule, Module } from '@nestjs/common';
import { EnterpriseDirectory } from './enterprise-directory';
import { EnterprisesController } from './enterprises.controller';

/** The directory's routes; the gateway builds the directory (on its DataSource) and passes it in. */
@Module({})
export class EnterprisesModule {
  static register(directory: EnterpriseDirectory): DynamicModule {
    return {
      module: EnterprisesModule,
      controllers: [EnterprisesController],
      providers: [{ provide: EnterpriseDirectory, useValue: directory }],
      exports: [EnterpriseDirectory],
    };
  }
}
