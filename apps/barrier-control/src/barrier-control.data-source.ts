import { dataSourceOptions, type DataSourceSettings, type RegisteredDataSource } from '@ecogate/persistence';
import { BarrierCaptureEntity } from './durable/barrier-capture.entity';
import { BarrierLaneEntity } from './durable/barrier-lane.entity';
import { CreateBarrierState1796800000000 } from './migrations/1796800000000-CreateBarrierState';

export const barrierControlEntities = [BarrierLaneEntity, BarrierCaptureEntity];

/** In timestamp order; append new ones, never edit one that has shipped. */
export const barrierControlMigrations = [CreateBarrierState1796800000000];

/** The barrier-control database: used by the app, its tests and `npm run migrations:check`. */
export const barrierControlDataSourceSettings = (
  url: string,
  extra: Omit<DataSourceSettings, 'url' | 'entities' | 'migrations'> = {},
): DataSourceSettings => ({
  url,
  entities: barrierControlEntities,
  migrations: barrierControlMigrations,
  name: 'barrier-control',
  ...extra,
});

// Found by `npm run migrations:check`: every `*.data-source.ts` file under an app exports one.
export const registeredDataSource: RegisteredDataSource = {
  name: 'barrier-control',
  options: (url: string) => dataSourceOptions(barrierControlDataSourceSettings(url)),
};
