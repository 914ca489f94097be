import { dataSourceOptions, type DataSourceSettings, type RegisteredDataSource } from '@ecogate/persistence';
import { PushReceiptEntity } from '../receipts/push-receipt.entity';
import { DeviceEntity } from '../registry/device.entity';
import { GateEntity } from '../registry/gate.entity';
import { LaneEntity } from '../registry/lane.entity';
import { SiteEntity } from '../registry/site.entity';
import { CameraReferenceViewEntity, CameraViewStateEntity } from '../tamper/reference-view.entity';
import { CreateDeviceRegistry1795900000000 } from './migrations/1795900000000-CreateDeviceRegistry';
import { CreatePushReceipts1795900000001 } from './migrations/1795900000001-CreatePushReceipts';
import { AddSiteDiscoveryNetworks1795900000002 } from './migrations/1795900000002-AddSiteDiscoveryNetworks';
import { AddDeviceEventSource1795900000003 } from './migrations/1795900000003-AddDeviceEventSource';
import { CreateCameraReferenceViews1795900000010 } from './migrations/1795900000010-CreateCameraReferenceViews';
import { AnchorLoadingAreaCamerasToSites1795900000020 } from './migrations/1795900000020-AnchorLoadingAreaCamerasToSites';

export const cameraIngestEntities = [
  SiteEntity,
  GateEntity,
  LaneEntity,
  DeviceEntity,
  PushReceiptEntity,
  CameraReferenceViewEntity,
  CameraViewStateEntity,
];

/** In timestamp order; append new ones, never edit one that has shipped. */
export const cameraIngestMigrations = [
  CreateDeviceRegistry1795900000000,
  CreatePushReceipts1795900000001,
  AddSiteDiscoveryNetworks1795900000002,
  AddDeviceEventSource1795900000003,
  CreateCameraReferenceViews1795900000010,
  AnchorLoadingAreaCamerasToSites1795900000020,
];

/** The camera-ingest database: used by the app, its tests and `npm run migrations:check`. */
export const cameraIngestDataSourceSettings = (
  url: string,
  extra: Omit<DataSourceSettings, 'url' | 'entities' | 'migrations'> = {},
): DataSourceSettings => ({
  url,
  entities: cameraIngestEntities,
  migrations: cameraIngestMigrations,
  name: 'camera-ingest',
  ...extra,
});

// Found by `npm run migrations:check`: every `*.data-source.ts` file under an app exports one.
export const registeredDataSource: RegisteredDataSource = {
  name: 'camera-ingest',
  options: (url: string) => dataSourceOptions(cameraIngestDataSourceSettings(url)),
};
