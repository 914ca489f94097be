import { dataSourceOptions, type RegisteredDataSource } from '@ecogate/persistence';
import { VideoClipEntity } from './clips/video-clip.entity';
import { LegalHoldEntity } from './legal-hold/legal-hold.entity';
import { CreateVideoSegments1796200000000 } from './migrations/1796200000000-CreateVideoSegments';
import { CreateOutagesAndLegalHolds1796300000000 } from './migrations/1796300000000-CreateOutagesAndLegalHolds';
import { CreateVideoClips1796400000000 } from './migrations/1796400000000-CreateVideoClips';
import { CameraOutageEntity } from './outage/camera-outage.entity';
import { OutageFilingEntity } from './outage/outage-filing.entity';
import { CreateWindowScans1797400000000 } from './migrations/1797400000000-CreateWindowScans';
import { VideoSegmentEntity } from './segment/video-segment.entity';
import { WindowScanEntity } from './window-scan/window-scan.entity';

// video-archive's schema. `npm run migrations:check` finds this file by its `*.data-source.ts` name.
export const videoEntities = [
  VideoSegmentEntity,
  VideoClipEntity,
  OutageFilingEntity,
  CameraOutageEntity,
  LegalHoldEntity,
  WindowScanEntity,
];
/** In timestamp order; append new ones, never edit one that has shipped. */
export const videoMigrations = [
  CreateVideoSegments1796200000000,
  CreateOutagesAndLegalHolds1796300000000,
  CreateVideoClips1796400000000,
  CreateWindowScans1797400000000,
];

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
