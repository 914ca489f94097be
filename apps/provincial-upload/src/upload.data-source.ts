import { dataSourceOptions, type RegisteredDataSource } from '@ecogate/persistence';
import { CorrectionEntity } from './delivery/correction.entity';
import { DeliveryEntity } from './delivery/delivery.entity';
import { CreateUploadDeliveries1796100000000 } from './migrations/1796100000000-CreateUploadDeliveries';

// provincial-upload's schema. `npm run migrations:check` finds this file by its
// `*.data-source.ts` name and checks `registeredDataSource`.
export const uploadEntities = [DeliveryEntity, CorrectionEntity];
/** In timestamp order; append new ones, never edit one that has shipped. */
export const uploadMigrations = [CreateUploadDeliveries1796100000000];

export const registeredDataSource: RegisteredDataSource = {
  name: 'provincial-upload',
  options: (url) =>
    dataSourceOptions({
      url,
      entities: uploadEntities,
      migrations: uploadMigrations,
      name: 'migrations-check',
    }),
};
