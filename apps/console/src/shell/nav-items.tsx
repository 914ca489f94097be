import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CarOutlined,
  CloudUploadOutlined,
  ContainerOutlined,
  DownloadOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  MonitorOutlined,
  PlaySquareOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  TeamOutlined,
  ToolOutlined,
  VideoCameraOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { type ReactNode } from 'react';
import { type MessageKey } from '../i18n/zh-CN';

const E = '/enterprises/{enterpriseId}';

export interface NavItem {
  /** The page's path under `/e/:enterpriseId/`. */
  readonly path: string;
  readonly label: MessageKey;
  readonly icon: ReactNode;
  /** The route the page reads first: shown only to roles the policy admits there. */
  readonly reads: string;
  readonly group?: MessageKey;
  /** Where the entry leads before an enterprise is chosen (a city page), for roles admitted to what it reads. */
  readonly city?: { readonly path: string; readonly reads: string };
}

/** The menu, in the order a gate's day goes; each entry hidden from roles its data would refuse. */
export const NAV_ITEMS: readonly NavItem[] = [
  { path: 'lanes', label: 'nav.lanes', icon: <VideoCameraOutlined />, reads: `/api/live/v1${E}/lanes` },
  {
    path: 'review',
    label: 'nav.review',
    icon: <AuditOutlined />,
    reads: `/api/ledger/v1${E}/review-items`,
  },
  {
    path: 'passages',
    label: 'nav.passages',
    icon: <CarOutlined />,
    reads: `/api/ledger/v1${E}/passages`,
    group: 'nav.ledgers',
  },
  {
    path: 'vehicle-reviews',
    label: 'nav.vehicleReviews',
    icon: <SafetyCertificateOutlined />,
    reads: `/api/ledger/v1${E}/vehicle-reviews`,
    group: 'nav.ledgers',
  },
  {
    path: 'in-plant',
    label: 'nav.inPlant',
    icon: <ApartmentOutlined />,
    reads: `/api/ledger/v1${E}/in-plant-vehicles`,
    group: 'nav.ledgers',
  },
  {
    path: 'machinery',
    label: 'nav.machinery',
    icon: <ToolOutlined />,
    reads: `/api/ledger/v1${E}/machinery`,
    group: 'nav.ledgers',
  },
  {
    path: 'exports',
    label: 'nav.exports',
    icon: <DownloadOutlined />,
    reads: `/api/ledger/v1${E}/exports`,
    group: 'nav.ledgers',
  },
  {
    path: 'loading-area-anomalies',
    label: 'nav.loadingAreaAnomalies',
    icon: <MonitorOutlined />,
    reads: `/api/ledger/v1${E}/loading-area-anomalies`,
    group: 'nav.loadingAreas',
  },
  {
    path: 'loading-area-sightings',
    label: 'nav.loadingAreaSightings',
    icon: <ContainerOutlined />,
    reads: `/api/ledger/v1${E}/loading-area-sightings`,
    group: 'nav.loadingAreas',
  },
  {
    path: 'statistics',
    label: 'nav.statistics',
    icon: <BarChartOutlined />,
    reads: `/api/ledger/v1${E}/statistics/summary`,
  },
  { path: 'alert', label: 'nav.alert', icon: <AlertOutlined />, reads: `/api/ledger/v1${E}/alert-level` },
  {
    path: 'plan',
    label: 'nav.plan',
    icon: <FileProtectOutlined />,
    reads: `/api/ledger/v1${E}/emergency-plan`,
  },
  {
    path: 'devices',
    label: 'nav.devices',
    icon: <ScheduleOutlined />,
    reads: `/api/camera-ingest/v1${E}/devices`,
  },
  {
    path: 'outages',
    label: 'nav.outages',
    icon: <WarningOutlined />,
    reads: `/api/video-archive/v1${E}/outage-filings`,
  },
  {
    path: 'video',
    label: 'nav.video',
    icon: <PlaySquareOutlined />,
    reads: `/api/video-archive/v1${E}/cameras/{cameraId}/playlist.m3u8`,
  },
  {
    path: 'upload',
    label: 'nav.upload',
    icon: <CloudUploadOutlined />,
    reads: `/api/provincial-upload/v1${E}/upload/backlog`,
  },
  {
    path: 'inspections',
    label: 'nav.inspections',
    icon: <FileSearchOutlined />,
    reads: `/api/ledger/v1${E}/inspections`,
    city: { path: '/inspections', reads: '/api/ledger/v1/inspections' },
  },
  {
    path: 'users',
    label: 'nav.enterpriseUsers',
    icon: <TeamOutlined />,
    reads: `/api/gateway/v1${E}/users`,
  },
];
