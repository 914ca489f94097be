import { ALERT_LEVEL_LABELS } from '@ecogate/domain';
import { Badge, Card, Col, Empty, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useLocalised } from '../alert/messages';
import { useMessages } from '../i18n/messages';
import { ReasonTags } from '../passages/ReasonTags';
import { Loadable } from '../shared/Loadable';
import { formatInstant } from '../shared/time';
import { useUrlState } from '../shared/url-state';
import { PlateChip, StageTag } from '../shared/vehicle-tags';
import {
  type AlertView,
  type AlertViewItem,
  type EnterpriseRow,
  enterpriseRows,
  KIND_COLOUR,
} from './alert-view-model';
import { messages } from './messages';
import { type StreamStatus, useAlertView } from './use-alert-view';

const STATUS_BADGE: Readonly<Record<StreamStatus, 'processing' | 'success' | 'warning' | 'error'>> = {
  connecting: 'processing',
  open: 'success',
  reconnecting: 'warning',
  ended: 'error',
};

/** The latest items of one enterprise under alert, with links to its full records. */
function Items({ row, limit }: { row: EnterpriseRow; limit: number }) {
  const t = useMessages(messages);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {row.offlineCameras.length > 0 ? (
        <Space wrap>
          <Typography.Text type="secondary">{t('cameras.title')}</Typography.Text>
          {row.offlineCameras.map((camera) => (
            <Tag key={camera.cameraId} color="red">
              {t('cameras.since', {
                camera: camera.cameraId,
                since: formatInstant(camera.since),
                reason: camera.reason,
              })}
            </Tag>
          ))}
        </Space>
      ) : null}
      {row.tamperedCameras.length > 0 ? (
        <Space wrap>
          <Typography.Text type="secondary">{t('tampered.title')}</Typography.Text>
          {row.tamperedCameras.map((camera) => (
            <Tag key={camera.cameraId} color="orange">
              {t('tampered.since', {
                camera: camera.cameraId,
                kind: t(camera.kind ? `tamper.${camera.kind}` : 'tamper.alarm'),
                since: formatInstant(camera.since),
              })}
            </Tag>
          ))}
        </Space>
      ) : null}
      <Typography.Text type="secondary">{t('items.title', { limit })}</Typography.Text>
      <Table<AlertViewItem>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={row.items}
        locale={{ emptyText: <Empty description={t('items.none')} /> }}
        columns={[
          { title: t('col.at'), dataIndex: 'at', render: (at: string) => formatInstant(at) },
          {
            title: t('col.plate'),
            key: 'plate',
            render: (_: unknown, item: AlertViewItem) => (
              <PlateChip text={item.plate} colour={item.plateColour ?? 'unknown'} />
            ),
          },
          {
            title: t('col.kind'),
            dataIndex: 'kind',
            render: (kind: AlertViewItem['kind']) => <Tag color={KIND_COLOUR[kind]}>{t(`kind.${kind}`)}</Tag>,
          },
          {
            title: t('col.stage'),
            dataIndex: 'stage',
            render: (stage: string | null) => <StageTag stage={stage} />,
          },
          {
            title: t('col.gate'),
            key: 'gate',
            render: (_: unknown, item: AlertViewItem) =>
              [item.gateId, item.laneId].filter(Boolean).join(' / '),
          },
          {
            title: t('col.reasons'),
            dataIndex: 'reasons',
            render: (reasons: string[]) => <ReasonTags reasons={reasons} />,
          },
        ]}
      />
      <Space>
        <Link to={`/e/${encodeURIComponent(row.enterpriseId)}/passages?view=refused`}>
          {t('items.refused')}
        </Link>
        <Link to={`/e/${encodeURIComponent(row.enterpriseId)}/passages`}>{t('items.passages')}</Link>
      </Space>
    </Space>
  );
}

function Overview({
  view,
  district,
  expanded,
  onExpand,
}: {
  view: AlertView;
  district: string | undefined;
  expanded: string | undefined;
  onExpand: (enterpriseId: string | undefined) => void;
}) {
  const t = useMessages(messages);
  const L = useLocalised();
  const rows = enterpriseRows(view, district);
  const number = (value: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{value}</span>;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Row gutter={16}>
        {(
          [
            ['total.enterprises', view.total.enterprises],
            ['count.refused', view.total.refused],
            ['count.belowMinimum', view.total.belowMinimumEntered],
            ['count.unknown', view.total.unknownStageAdmitted],
            ['count.cameras', view.total.camerasOffline],
            ['count.tampered', view.total.camerasTampered],
          ] as const
        ).map(([label, value]) => (
          <Col key={label} xs={12} md={8} xl={4}>
            <Card size="small">
              <Statistic title={t(label)} value={value} />
            </Card>
          </Col>
        ))}
      </Row>
      <Table<EnterpriseRow>
        rowKey="enterpriseId"
        pagination={false}
        dataSource={rows}
        scroll={{ x: true }}
        expandable={{
          expandedRowKeys: expanded ? [expanded] : [],
          onExpand: (open, row) => onExpand(open ? row.enterpriseId : undefined),
          expandedRowRender: (row) => <Items row={row} limit={view.itemLimit} />,
        }}
        columns={[
          { title: t('col.district'), dataIndex: 'districtCode' },
          { title: t('col.enterprise'), dataIndex: 'name' },
          {
            title: t('col.level'),
            dataIndex: 'level',
            render: (level: EnterpriseRow['level']) => (
              <Tag color={level === 'red' ? 'red' : 'orange'}>{L(ALERT_LEVEL_LABELS[level])}</Tag>
            ),
          },
          { title: t('col.since'), dataIndex: 'since', render: (since: string) => formatInstant(since) },
          {
            title: t('count.refused'),
            key: 'refused',
            align: 'right',
            render: (_: unknown, row) => number(row.counts.refused),
          },
          {
            title: t('count.belowMinimum'),
            key: 'below',
            align: 'right',
            render: (_: unknown, row) => number(row.counts.belowMinimumEntered),
          },
          {
            title: t('count.unknown'),
            key: 'unknown',
            align: 'right',
            render: (_: unknown, row) => number(row.counts.unknownStageAdmitted),
          },
          {
            title: t('count.cameras'),
            key: 'cameras',
            align: 'right',
            render: (_: unknown, row) => number(row.counts.camerasOffline),
          },
          {
            title: t('count.tampered'),
            key: 'tampered',
            align: 'right',
            render: (_: unknown, row) => number(row.counts.camerasTampered),
          },
        ]}
      />
    </Space>
  );
}

/** 重污染预警监管 (`/alert-view`): the city's live view of the enterprises under orange or red alert. */
export default function AlertViewPage() {
  const t = useMessages(messages);
  const [state, setState] = useUrlState(['district', 'enterprise'] as const);
  const { query, status } = useAlertView(state.district);
  const districts = query.data?.districts.map((d) => d.districtCode) ?? [];
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('title')}
        </Typography.Title>
        <Space wrap>
          <Badge status={STATUS_BADGE[status]} text={t(`stream.${status}`)} />
          {query.data ? (
            <Typography.Text type="secondary">
              {t('asOf', { at: formatInstant(query.data.at) })}
            </Typography.Text>
          ) : null}
          <Select
            aria-label={t('filter.district')}
            style={{ minWidth: 160 }}
            value={state.district ?? ''}
            onChange={(value: string) => setState({ district: value || undefined, enterprise: undefined })}
            options={[
              { value: '', label: t('filter.all') },
              ...[...new Set([...districts, ...(state.district ? [state.district] : [])])].map((code) => ({
                value: code,
                label: code,
              })),
            ]}
          />
        </Space>
      </Space>
      <Typography.Text type="secondary">{t('intro')}</Typography.Text>
      <Loadable
        query={query}
        isEmpty={(view) => view.districts.length === 0}
        empty={<Empty description={t('empty')} />}
      >
        {(view) => (
          <Overview
            view={view}
            district={state.district}
            expanded={state.enterprise}
            onExpand={(enterprise) => setState({ enterprise })}
          />
        )}
      </Loadable>
    </Space>
  );
}
