import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Empty, Modal, Space, Spin, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { api, ApiError, unwrap } from '../api/client';
import { useMessages } from '../i18n/messages';
import { type Device, type Site } from './device-rows';
import {
  DISCOVERY,
  type DeviceDraft,
  discoveryHostCount,
  discoveryRows,
  type DiscoveryRow,
  draftFrom,
} from './discovery';
import { messages } from './messages';

interface Props {
  readonly enterpriseId: string;
  readonly site: Site;
  /** The registry's devices, to name those a found device already is. */
  readonly devices: readonly Device[];
  readonly mayRegister: boolean;
  readonly onRegister: (draft: DeviceDraft) => void;
  readonly onClose: () => void;
}

// The service's 409 codes with words of their own; any other refusal shows its reason only.
const REFUSALS = ['discovery-disabled', 'no-discovery-networks', 'discovery-refused', 'conflict'] as const;
const isRefusal = (code: string): code is (typeof REFUSALS)[number] =>
  (REFUSALS as readonly string[]).includes(code);

/**
 * 发现设备: a WS-Discovery sweep of the site's networks, started by hand (it sends a probe to every
 * address and is audited), and the ONVIF devices that answered, to register them.
 */
export function DiscoveryModal({ enterpriseId, site, devices, mayRegister, onRegister, onClose }: Props) {
  const t = useMessages(messages);
  const discover = useMutation({
    mutationFn: () =>
      unwrap(api.POST(DISCOVERY, { params: { path: { enterpriseId, siteId: site.id } }, body: {} })),
  });
  const rows = useMemo(
    () => (discover.data ? discoveryRows(discover.data, devices) : []),
    [discover.data, devices],
  );
  const hosts = discoveryHostCount(site.discoveryNetworks);
  const refusal = discover.error instanceof ApiError ? discover.error : null;

  const body = () => {
    if (discover.isPending)
      return (
        <Space role="status">
          <Spin />
          <Typography.Text>{t('discover.running', { hosts })}</Typography.Text>
        </Space>
      );
    if (discover.isError)
      return (
        <Alert
          type={refusal?.status === 409 ? 'warning' : 'error'}
          showIcon
          title={
            refusal && isRefusal(refusal.code) ? t(`discover.refused.${refusal.code}`) : t('discover.failed')
          }
          description={refusal ? `${refusal.reason} (${refusal.code})` : String(discover.error)}
        />
      );
    if (discover.data)
      return (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            {t('discover.summary', {
              probed: discover.data.probedHosts,
              networks: discover.data.networks.join(', '),
              seconds: (discover.data.durationMs / 1000).toFixed(1),
              count: discover.data.devices.length,
            })}
          </Typography.Text>
          {rows.length === 0 ? (
            <Empty description={t('discover.empty')} />
          ) : (
            <DiscoveryTable
              rows={rows}
              mayRegister={mayRegister}
              onRegister={(row) => onRegister(draftFrom(row))}
            />
          )}
        </Space>
      );
    return site.discoveryNetworks.length > 0 ? (
      <Alert
        type="info"
        showIcon
        title={t('discover.plan', { hosts, networks: site.discoveryNetworks.join(', ') })}
      />
    ) : (
      <Alert type="warning" showIcon title={t('discover.noNetworks')} />
    );
  };

  return (
    <Modal
      open
      width={1080}
      title={t('discover.title', { site: site.name })}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>{t('close')}</Button>
          <Button type="primary" loading={discover.isPending} onClick={() => discover.mutate()}>
            {t(discover.isIdle ? 'discover.start' : 'discover.again')}
          </Button>
        </Space>
      }
    >
      {body()}
    </Modal>
  );
}

function DiscoveryTable({
  rows,
  mayRegister,
  onRegister,
}: {
  readonly rows: readonly DiscoveryRow[];
  readonly mayRegister: boolean;
  readonly onRegister: (row: DiscoveryRow) => void;
}) {
  const t = useMessages(messages);
  const lines = (values: readonly string[]) =>
    values.length === 0 ? (
      '—'
    ) : (
      <Space orientation="vertical" size={0}>
        {values.map((value) => (
          <span key={value}>{value}</span>
        ))}
      </Space>
    );
  return (
    <Table<DiscoveryRow>
      rowKey="key"
      size="small"
      dataSource={[...rows]}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      columns={[
        {
          title: t('discover.col.device'),
          key: 'device',
          render: (_, { found }) => (
            <Space orientation="vertical" size={0}>
              {found.name ?? <Typography.Text type="secondary">{t('discover.unnamed')}</Typography.Text>}
              {found.hardware ? <Typography.Text type="secondary">{found.hardware}</Typography.Text> : null}
              <Typography.Text type="secondary" copyable style={{ fontSize: 12 }}>
                {found.endpoint}
              </Typography.Text>
            </Space>
          ),
        },
        {
          title: t('discover.col.location'),
          key: 'location',
          render: (_, { found }) => lines(found.locations),
        },
        { title: t('discover.col.xaddrs'), key: 'xaddrs', render: (_, { found }) => lines(found.xaddrs) },
        { title: t('discover.col.from'), key: 'from', render: (_, { found }) => found.respondedFrom },
        {
          title: t('discover.col.registered'),
          key: 'registered',
          render: (_, row) =>
            row.registeredAs.length > 0 ? (
              <Space orientation="vertical" size={0}>
                <Tag color="success">{t('discover.registered')}</Tag>
                {row.registeredAs.map(({ id, name }) => (
                  <span key={id}>{name ? `${name} (${id})` : id}</span>
                ))}
              </Space>
            ) : mayRegister && row.address ? (
              <Button
                size="small"
                aria-label={`${t('discover.register')} ${row.found.endpoint}`}
                onClick={() => onRegister(row)}
              >
                {t('discover.register')}
              </Button>
            ) : (
              '—'
            ),
        },
      ]}
    />
  );
}
