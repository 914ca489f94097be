import { type DynamicModule, Module } from '@nestjs/common';
import { type SignedLinkSigner } from '@ecogate/storage';
import { type Logger } from '@ecogate/telemetry';
import {
  OBJECT_READER,
  type ObjectReader,
  OBJECTS_LOG,
  ObjectsController,
  SIGNED_LINK_VERIFIER,
} from './objects.controller';

export interface ObjectsModuleOptions {
  /** The filesystem object store (`$ECOGATE_HOME/objects`), read only. */
  readonly storage: ObjectReader;
  /** The services' `SIGNED_LINK_BASE_URL` and `SIGNED_LINK_SECRET`. */
  readonly signedLinks: SignedLinkSigner;
  readonly log: Logger;
}

/** Signed links to filesystem objects; mounted only in the embedded profile (on MinIO, links point there). */
@Module({})
export class ObjectsModule {
  static register(options: ObjectsModuleOptions): DynamicModule {
    return {
      module: ObjectsModule,
      controllers: [ObjectsController],
      providers: [
        { provide: OBJECT_READER, useValue: options.storage },
        { provide: SIGNED_LINK_VERIFIER, useValue: options.signedLinks },
        { provide: OBJECTS_LOG, useValue: options.log },
      ],
    };
  }
}
