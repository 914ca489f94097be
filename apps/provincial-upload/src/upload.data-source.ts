import { dataSourceOptions, type RegisteredDataSource } from '@ecogate/persistence';
import { OperatorActionEntity } from './audit/operator-action.entity';
import { CorrectionEntity } from './delivery/correction.entity';
import { DeliveryEntity } from './delivery/delivery.entity';
import { CreateUploadDeliveries1796100000000 } from './migrations/1796100000000-CreateUploadDeliveries';
import { CreateUploadOperatorActions1796200000000 } from './migrations/1796200000000-CreateUploadOperatorActions';

// provincial-upload's schema. `npm run migrations:check` finds this file by its
// `*.data-source.ts` name and checks `registeredDataSource`.
export const uploadEntities = [DeliveryEntity, CorrectionEntity, OperatorActionEntity];
/** In timestamp order; append new ones, never edit one that has shipped. */
export const uploadMigrations = [
  CreateUploadDeliveries1796100000000,
  CreateUploadOperatorActions1796200000000,
];

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
