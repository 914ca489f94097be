import { dataSourceOptions, type RegisteredDataSource } from '@ecogate/persistence';
import { CreateVideoSegments1796200000000 } from './migrations/1796200000000-CreateVideoSegments';
import { VideoSegmentEntity } from './segment/video-segment.entity';

// video-archive's schema. `npm run migrations:check` finds this file by its `*.data-source.ts` name.
export const videoEntities = [VideoSegmentEntity];
/** In timestamp order; append new ones, never edit one that has shipped. */
export const videoMigrations = [CreateVideoSegments1796200000000];

export const registeredDataSource: RegisteredDataSource = {
  name: 'video-archive',
  options: (url) =>
    dataSourceOptions({
      url,
      entities: videoEntities,
      migrations: videoMigrations,
      name: 'migrations-check',
    }),
};
