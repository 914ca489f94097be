import { EditOutlined, PlusOutlined, RadarChartOutlined } from '@ant-design/icons';
import { useQueries, type UseQueryResult } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Empty,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Tree,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useParams } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { useMessages } from '../i18n/messages';
import { allows } from '../session/permissions';
import { useAccount } from '../session/session';
import { ErrorResult } from '../shared/ErrorResult';
import { PageSkeleton } from '../shared/PageSkeleton';
import { formatInstant } from '../shared/time';
import { useUrlState } from '../shared/url-state';
import {
  CI,
  DEVICE_KINDS,
  type DeviceRow,
  deviceRows,
  filterRows,
  hasEventSourceChoice,
  onSite,
  type Registry,
  RETENTION,
  siteTree,
} from './device-rows';
import { DISCOVERY } from './discovery';
import { DiscoveryModal } from './DiscoveryModal';
import { messages } from './messages';
import { type Editing, RegistryForm } from './RegistryForms';
import { hasReferenceView, referenceViewPermissions, ReferenceViewDrawer } from './ReferenceViewDrawer';

const VIDEO_COLOUR = { recent: 'success', stale: 'warning', none: 'default' } as const;

/** What the role may change here, as the policy table says (the service decides again). */
export function registryPermissions(role: string) {
  return {
    sites: allows(role, 'PUT', `${CI}/sites/{siteId}`),
    discover: allows(role, 'POST', DISCOVERY),
    gates: allows(role, 'PUT', `${CI}/gates/{gateId}`),
    lanes: allows(role, 'PUT', `${CI}/lanes/{laneId}`),
    register: allows(role, 'POST', `${CI}/devices`),
    change: allows(role, 'PATCH', `${CI}/devices/{deviceId}`),
    video: allows(role, 'GET', RETENTION),
  };
}

/** 设备: the enterprise's sites, gates, lanes and devices (camera-ingest), with each camera's archived video. */
export default function DevicesPage() {
  const t = useMessages(messages);
  const { enterpriseId = '' } = useParams();
  const account = useAccount();
  const may = registryPermissions(account.role);
  const [filter, setFilter] = useUrlState(['site', 'kind', 'q']);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [discoveringId, setDiscovering] = useState<string | null>(null);
  const [viewing, setViewing] = useState<DeviceRow['device'] | null>(null);
  const views = referenceViewPermissions(account.role);
  const path = { params: { path: { enterpriseId } } };
  const key = (what: string) => ['registry', enterpriseId, what];

  const [sites, gates, lanes, devices, video] = useQueries({
    queries: [
      { queryKey: key('sites'), queryFn: () => unwrap(api.GET(`${CI}/sites`, path)) },
      { queryKey: key('gates'), queryFn: () => unwrap(api.GET(`${CI}/gates`, path)) },
      { queryKey: key('lanes'), queryFn: () => unwrap(api.GET(`${CI}/lanes`, path)) },
      { queryKey: key('devices'), queryFn: () => unwrap(api.GET(`${CI}/devices`, path)) },
      {
        queryKey: ['retention', enterpriseId],
        queryFn: () => unwrap(api.GET(RETENTION, path)),
        enabled: may.video,
      },
    ],
  });
  const registryQueries: UseQueryResult[] = [sites, gates, lanes, devices];
  const registry = useMemo<Registry | undefined>(
    () =>
      sites.data && gates.data && lanes.data && devices.data
        ? {
            sites: sites.data,
            gates: gates.data,
            lanes: lanes.data,
            devices: devices.data,
            ...(video.data ? { video: video.data } : {}),
          }
        : undefined,
    [sites.data, gates.data, lanes.data, devices.data, video.data],
  );
  const rows = useMemo(() => (registry ? deviceRows(registry, new Date()) : []), [registry]);
  const visible = useMemo(() => filterRows(rows, filter), [rows, filter]);
  const tree = useMemo(() => (registry ? siteTree(registry) : { sites: [], orphans: 0 }), [registry]);

  const failed = registryQueries.find((q) => q.isError);
  if (failed)
    return (
      <ErrorResult error={failed.error} onRetry={() => registryQueries.forEach((q) => void q.refetch())} />
    );
  if (!registry) return <PageSkeleton />;
  const discovering = registry.sites.find((s) => s.id === discoveringId);

  const edit = (what: Editing) => () => setEditing(what);
  const editButton = (allowed: boolean, what: Editing, label: string) =>
    allowed ? (
      <Button size="small" type="link" icon={<EditOutlined />} aria-label={label} onClick={edit(what)} />
    ) : null;

  const treeData = tree.sites.map(({ site, gates: siteGates }) => ({
    key: `site:${site.id}`,
    title: (
      <Space>
        <Typography.Text strong>{site.name}</Typography.Text>
        <Typography.Text type="secondary">{site.id}</Typography.Text>
        {site.discoveryNetworks.length > 0 ? (
          <Typography.Text type="secondary">{site.discoveryNetworks.join(', ')}</Typography.Text>
        ) : null}
        {editButton(may.sites, { what: 'site', current: site }, `${t('edit.site')} ${site.id}`)}
        {may.discover ? (
          <Button
            size="small"
            type="link"
            icon={<RadarChartOutlined />}
            aria-label={`${t('discover')} ${site.id}`}
            onClick={() => setDiscovering(site.id)}
          >
            {t('discover')}
          </Button>
        ) : null}
      </Space>
    ),
    children: siteGates.map(({ gate, lanes: gateLanes }) => ({
      key: `gate:${gate.id}`,
      title: (
        <Space>
          {gate.name}
          <Typography.Text type="secondary">{gate.id}</Typography.Text>
          {editButton(may.gates, { what: 'gate', current: gate }, `${t('edit.gate')} ${gate.id}`)}
        </Space>
      ),
      children: gateLanes.map(({ lane, devices: count }) => ({
        key: `lane:${lane.id}`,
        title: (
          <Space>
            {lane.name}
            <Tag color={lane.direction === 'in' ? 'blue' : 'purple'}>{t(`direction.${lane.direction}`)}</Tag>
            <Tag>{t(`mode.${lane.mode}`)}</Tag>
            <Typography.Text type="secondary">{t('lanes.devices', { count })}</Typography.Text>
            {editButton(may.lanes, { what: 'lane', current: lane }, `${t('edit.lane')} ${lane.id}`)}
          </Space>
        ),
      })),
    })),
  }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('title')}
      </Typography.Title>
      <Card
        title={t('structure')}
        size="small"
        extra={
          <Space>
            {may.sites ? (
              <Button icon={<PlusOutlined />} onClick={edit({ what: 'site' })}>
                {t('add.site')}
              </Button>
            ) : null}
            {may.gates && registry.sites.length > 0 ? (
              <Button icon={<PlusOutlined />} onClick={edit({ what: 'gate' })}>
                {t('add.gate')}
              </Button>
            ) : null}
            {may.lanes && registry.gates.length > 0 ? (
              <Button icon={<PlusOutlined />} onClick={edit({ what: 'lane' })}>
                {t('add.lane')}
              </Button>
            ) : null}
          </Space>
        }
      >
        {treeData.length === 0 ? (
          <Empty />
        ) : (
          <Tree treeData={treeData} defaultExpandAll selectable={false} showLine blockNode />
        )}
        {tree.orphans > 0 ? (
          <Alert
            type="warning"
            showIcon
            title={t('orphans', { count: tree.orphans })}
            style={{ marginTop: 8 }}
          />
        ) : null}
      </Card>
      <Card
        title={t('devices')}
        size="small"
        extra={
          may.register && registry.sites.length > 0 ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={edit({ what: 'device' })}>
              {t('add.device')}
            </Button>
          ) : null
        }
      >
        <Alert type="info" showIcon title={t('liveStatusMissing')} style={{ marginBottom: 12 }} />
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            allowClear
            placeholder={t('filter.site')}
            style={{ minWidth: 160 }}
            value={filter.site}
            onChange={(site?: string) => setFilter({ site })}
            options={registry.sites.map((s) => ({ value: s.id, label: s.name }))}
          />
          <Select
            allowClear
            placeholder={t('filter.kind')}
            style={{ minWidth: 160 }}
            value={filter.kind}
            onChange={(kind?: string) => setFilter({ kind })}
            options={DEVICE_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          />
          <Input.Search
            allowClear
            placeholder={t('filter.q')}
            defaultValue={filter.q}
            onSearch={(q) => setFilter({ q })}
            style={{ width: 240 }}
          />
        </Space>
        <Table<DeviceRow>
          rowKey="key"
          size="small"
          dataSource={visible}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            {
              title: t('col.place'),
              key: 'place',
              render: (_, row) =>
                row.lane ? (
                  <span>
                    {row.site?.name ?? '?'} / {row.gate?.name ?? '?'} / {row.lane.name}{' '}
                    <Tag color={row.lane.direction === 'in' ? 'blue' : 'purple'}>
                      {t(`direction.${row.lane.direction}`)}
                    </Tag>
                  </span>
                ) : onSite(row.device) ? (
                  row.site ? (
                    <span>
                      {row.site.name} <Tag>{t('place.site')}</Tag>
                    </span>
                  ) : (
                    <Typography.Text type="warning">
                      {t('unknownSite', { site: row.device.siteId ?? '?' })}
                    </Typography.Text>
                  )
                ) : (
                  <Typography.Text type="warning">
                    {t('unknownPlace', { lane: row.device.laneId ?? '?' })}
                  </Typography.Text>
                ),
            },
            {
              title: t('col.device'),
              key: 'device',
              render: (_, { device }) => (
                <Space orientation="vertical" size={0}>
                  {device.name}
                  <Typography.Text type="secondary" copyable>
                    {device.id}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: t('col.kind'), key: 'kind', render: (_, { device }) => t(`kind.${device.kind}`) },
            {
              title: t('col.vendor'),
              key: 'vendor',
              render: (_, { device }) => t(`vendor.${device.vendor}`),
            },
            {
              title: t('col.eventSource'),
              key: 'eventSource',
              // Only a Dahua ANPR camera has a choice; every other device is what its kind is.
              render: (_, { device }) =>
                hasEventSourceChoice(device) ? (
                  <Tag color={device.eventSource === 'event-stream' ? 'geekblue' : 'default'}>
                    {t(`eventSource.${device.eventSource}`)}
                  </Tag>
                ) : (
                  '—'
                ),
            },
            {
              title: t('col.address'),
              key: 'address',
              render: (_, { device }) => device.address ?? '—',
            },
            {
              title: t('col.enabled'),
              key: 'enabled',
              render: (_, { device }) =>
                device.enabled ? <Tag color="success">{t('enabled')}</Tag> : <Tag>{t('disabled')}</Tag>,
            },
            {
              title: t('col.credentials'),
              key: 'credentials',
              render: (_, { device }) => t(device.hasCredentials ? 'credentials.set' : 'credentials.none'),
            },
            ...(may.video
              ? [
                  {
                    title: t('col.video'),
                    key: 'video',
                    render: (_: unknown, row: DeviceRow) => {
                      const tag = (
                        <Tag color={VIDEO_COLOUR[row.videoState]}>{t(`video.${row.videoState}`)}</Tag>
                      );
                      return row.video ? (
                        <Tooltip
                          title={t('video.until', {
                            at: formatInstant(row.video.newestSegmentEnd),
                            gaps: row.video.gaps,
                          })}
                        >
                          {tag}
                        </Tooltip>
                      ) : (
                        tag
                      );
                    },
                  },
                ]
              : []),
            ...(views.read
              ? [
                  {
                    title: t('col.view'),
                    key: 'view',
                    render: (_: unknown, row: DeviceRow) =>
                      hasReferenceView(row.device) ? (
                        <Button size="small" type="link" onClick={() => setViewing(row.device)}>
                          {t('view.open')}
                        </Button>
                      ) : null,
                  },
                ]
              : []),
            ...(may.change
              ? [
                  {
                    title: '',
                    key: 'edit',
                    render: (_: unknown, row: DeviceRow) =>
                      editButton(
                        true,
                        { what: 'device', current: row.device },
                        `${t('edit.device')} ${row.device.id}`,
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {discovering ? (
        <DiscoveryModal
          enterpriseId={enterpriseId}
          site={discovering}
          devices={registry.devices}
          mayRegister={may.register && registry.lanes.length > 0}
          onRegister={(draft) => setEditing({ what: 'device', draft })}
          onClose={() => setDiscovering(null)}
        />
      ) : null}
      {viewing ? (
        <ReferenceViewDrawer
          enterpriseId={enterpriseId}
          device={viewing}
          role={account.role}
          onClose={() => setViewing(null)}
        />
      ) : null}
      {editing ? (
        <RegistryForm
          enterpriseId={enterpriseId}
          editing={editing}
          sites={registry.sites}
          gates={registry.gates}
          lanes={registry.lanes}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Space>
  );
}
