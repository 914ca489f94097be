import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Popconfirm,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { Link } from 'react-router-dom';
import { api, ApiError, unwrap } from '../api/client';
import { useMessages } from '../i18n/messages';
import { allows } from '../session/permissions';
import { useAccount } from '../session/session';
import { fieldMessages } from '../passages/fields';
import { Loadable } from '../shared/Loadable';
import { formatInstant } from '../shared/time';
import { PlateChip, StageTag } from '../shared/vehicle-tags';
import {
  indicatorShares,
  type Inspection,
  type PassageRow,
  passageRows,
  percent,
  ROUTES,
  type WindowRow,
  windowRows,
} from './inspection-model';
import { ChainProofTag } from './ChainProofTag';
import { messages } from './messages';
import { Person } from './Person';
import { VerdictEditor, VerdictView } from './VerdictEditor';
import { VideoIndicators } from './VideoIndicators';
import { ScanTag, WindowScan } from './WindowScan';

const reasonOf = (error: unknown) =>
  error instanceof ApiError ? `${error.reason} (${error.code})` : String(error);

function Indicators({ enterpriseId, inspectionId }: { enterpriseId: string; inspectionId: string }) {
  const t = useMessages(messages);
  const query = useQuery({
    queryKey: ['inspection-indicators', enterpriseId, inspectionId],
    queryFn: () => unwrap(api.GET(ROUTES.indicators, { params: { path: { enterpriseId, inspectionId } } })),
  });
  return (
    <Card title={t('indicators.title')}>
      <Loadable
        query={query}
        isEmpty={(data) => data.trips === 0}
        empty={<Typography.Text type="secondary">{t('indicators.noTrips')}</Typography.Text>}
      >
        {(data) => {
          const { stages, sources } = indicatorShares(data);
          return (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Space size="large" wrap>
                <Statistic title={t('indicators.completeness')} value={percent(data.completeness.rate)} />
                <Statistic
                  title={t('indicators.alertDays')}
                  value={data.dailyVehicles.alertDayAverage ?? '—'}
                  precision={data.dailyVehicles.alertDayAverage === null ? undefined : 1}
                  suffix={
                    <Typography.Text type="secondary">
                      {t('indicators.days', { days: data.dailyVehicles.alertDays.length })}
                    </Typography.Text>
                  }
                />
                <Statistic
                  title={t('indicators.otherDays')}
                  value={data.dailyVehicles.otherDayAverage ?? '—'}
                  precision={data.dailyVehicles.otherDayAverage === null ? undefined : 1}
                  suffix={
                    <Typography.Text type="secondary">
                      {t('indicators.days', { days: data.dailyVehicles.otherDayCount })}
                    </Typography.Text>
                  }
                />
              </Space>
              <Typography.Text type="secondary">
                {t('indicators.completenessDetail', {
                  complete: data.completeness.complete,
                  trips: data.trips,
                  average: percent(data.completeness.average),
                })}
              </Typography.Text>
              <Descriptions size="small" column={1} bordered>
                <Descriptions.Item label={t('indicators.stages')}>
                  <Space wrap>
                    {stages.map((s) => (
                      <span key={s.key}>
                        {s.key === 'unknown' ? <Tag>{t('stage.unknown')}</Tag> : <StageTag stage={s.key} />}
                        {s.count} · {s.percent}%
                      </span>
                    ))}
                  </Space>
                </Descriptions.Item>
                <Descriptions.Item label={t('indicators.sources')}>
                  <Space wrap>
                    {sources.map((s) => (
                      <Tag key={s.key}>
                        {t(`source.${s.key as 'unknown'}`)} {s.count} · {s.percent}%
                      </Tag>
                    ))}
                  </Space>
                </Descriptions.Item>
              </Descriptions>
              <VideoIndicators indicators={data} />
            </Space>
          );
        }}
      </Loadable>
    </Card>
  );
}

function Evidence({ row }: { row: PassageRow }) {
  const t = useMessages(messages);
  const evidence = row.evidence;
  if (!evidence) return <Typography.Text type="secondary">{t('dropped')}</Typography.Text>;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Link href={evidence.clipsPath} target="_blank">
        {t('clips')}
      </Typography.Link>
      <Typography.Text strong>{t('audit.title')}</Typography.Text>
      {evidence.auditTrail.length === 0 ? (
        <Typography.Text type="secondary">{t('audit.none')}</Typography.Text>
      ) : (
        <Table
          size="small"
          pagination={false}
          rowKey={(entry) => `${entry.at}-${entry.action}`}
          dataSource={evidence.auditTrail}
          columns={[
            { title: t('col.time'), render: (_, entry) => formatInstant(entry.at) },
            { title: t('audit.action'), dataIndex: 'action' },
            { title: t('audit.actor'), dataIndex: 'actor' },
          ]}
        />
      )}
    </Space>
  );
}

/** One inspection: its header, the sampled passages and windows with their verdicts, and the close. */
export function InspectionView({
  inspection,
  enterpriseId,
}: {
  inspection: Inspection;
  enterpriseId: string;
}) {
  const t = useMessages(messages);
  const field = useMessages(fieldMessages);
  const { message } = App.useApp();
  const account = useAccount();
  const queries = useQueryClient();
  const key = ['inspection', enterpriseId, inspection.id];
  const open = inspection.status === 'open';
  const canMark = open && allows(account.role, 'PUT', ROUTES.item);
  const canClose = open && allows(account.role, 'POST', ROUTES.close);
  const replace = (next: Inspection) => queries.setQueryData(key, next);
  const path = { params: { path: { enterpriseId, inspectionId: inspection.id } } };
  const close = useMutation({
    mutationFn: () => unwrap(api.POST(ROUTES.close, path)),
    onSuccess: (next) => {
      replace(next);
      void message.success(t('close.done'));
    },
  });
  const photoKind = (kind: string) => (kind === 'scene' || kind === 'plate' ? t(`photo.${kind}`) : kind);
  const total = inspection.passages.length + inspection.windows.length;
  const verdict = (row: {
    itemId: string;
    verdict: PassageRow['verdict'];
    note: string | null;
    markedBy: string | null;
    markedByName: string | null;
    markedAt: string | null;
  }) => (
    <Space orientation="vertical" size={0}>
      {verdictControl(row)}
      {row.markedBy && row.markedAt ? (
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          {t('verdict.by')} <Person id={row.markedBy} name={row.markedByName} />
          {` · ${formatInstant(row.markedAt)}`}
        </Typography.Text>
      ) : null}
    </Space>
  );
  const verdictControl = (row: { itemId: string; verdict: PassageRow['verdict']; note: string | null }) =>
    canMark ? (
      <VerdictEditor
        enterpriseId={enterpriseId}
        inspectionId={inspection.id}
        itemId={row.itemId}
        verdict={row.verdict}
        note={row.note}
        onSaved={replace}
      />
    ) : (
      <VerdictView verdict={row.verdict} note={row.note} />
    );
  const links = (items: readonly { label: string; href: string }[], label: (l: string) => string) =>
    items.map((item) => (
      <Typography.Link
        key={item.href}
        href={item.href}
        target="_blank"
        style={{ marginRight: 8, whiteSpace: 'nowrap' }}
      >
        {label(item.label)}
      </Typography.Link>
    ));

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Card
        title={t('inspection.title')}
        extra={
          canClose ? (
            <Popconfirm
              title={t('close.confirm', { unmarked: total - inspection.marked })}
              onConfirm={() => close.mutate()}
            >
              <Button danger loading={close.isPending}>
                {t('close.button')}
              </Button>
            </Popconfirm>
          ) : null
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('inspection.period')}>
            {inspection.from} – {inspection.to}
          </Descriptions.Item>
          <Descriptions.Item label={t('inspection.seed')}>
            <Typography.Text code copyable>
              {inspection.seed}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('inspection.by')}>
            <Person id={inspection.createdBy} name={inspection.createdByName} />
          </Descriptions.Item>
          <Descriptions.Item label={t('inspection.at')}>
            {formatInstant(inspection.createdAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('inspection.status')}>
            <Tag color={open ? 'processing' : 'default'}>{t(`status.${inspection.status}`)}</Tag>
          </Descriptions.Item>
          {inspection.closedAt ? (
            <Descriptions.Item label={t('inspection.closer')}>
              <Person id={inspection.closedBy} name={inspection.closedByName} />
              {` · ${formatInstant(inspection.closedAt)}`}
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t('windows.title')}>
            {t(`placement.${inspection.windowPlacement}`)}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Text type="secondary">
          {t('inspection.marked', {
            marked: inspection.marked,
            total,
            inconsistent: inspection.inconsistent,
          })}
        </Typography.Text>
        {close.error ? <Alert type="error" showIcon title={reasonOf(close.error)} /> : null}
      </Card>
      <Card title={t('passages.title')}>
        <Table<PassageRow>
          size="small"
          rowKey="key"
          pagination={false}
          scroll={{ x: true }}
          dataSource={passageRows(inspection)}
          expandable={{ expandedRowRender: (row) => <Evidence row={row} /> }}
          columns={[
            { title: '#', render: (_, row) => row.position + 1 },
            {
              title: t('col.plate'),
              render: (_, row) =>
                row.evidence ? (
                  <Space size={4}>
                    <PlateChip text={row.evidence.plate} colour={row.evidence.plateColour} />
                    {row.evidence.manual ? <Tag>{t('manual')}</Tag> : null}
                  </Space>
                ) : (
                  <Typography.Text type="secondary">{t('dropped')}</Typography.Text>
                ),
            },
            {
              title: t('col.time'),
              render: (_, row) => (
                <span style={{ whiteSpace: 'nowrap' }}>{formatInstant(row.capturedAt)}</span>
              ),
            },
            {
              title: t('col.stage'),
              render: (_, row) =>
                row.evidence ? (
                  <StageTag stage={row.evidence.stage} source={row.evidence.stageSource} />
                ) : (
                  '—'
                ),
            },
            {
              title: t('col.completeness'),
              render: (_, row) =>
                row.evidence ? (
                  <Space orientation="vertical" size={0}>
                    <span>{row.evidence.completenessPercent}%</span>
                    {row.evidence.missingFields.length ? (
                      // One line, the whole list on hover: a passage may miss a dozen fields.
                      <Typography.Text type="warning" style={{ maxWidth: 180 }} ellipsis={{ tooltip: true }}>
                        {t('missing', {
                          fields: row.evidence.missingFields
                            .map((f) => (f in fieldMessages ? field(f as keyof typeof fieldMessages) : f))
                            .join('、'),
                        })}
                      </Typography.Text>
                    ) : (
                      <Typography.Text type="secondary">{t('complete')}</Typography.Text>
                    )}
                  </Space>
                ) : (
                  '—'
                ),
            },
            {
              title: t('col.photos'),
              render: (_, row) =>
                row.evidence ? (
                  <>
                    {links(row.evidence.entryPhotos, (kind) => `${t('photos.entry')} · ${photoKind(kind)}`)}
                    {links(row.evidence.exitPhotos, (kind) => `${t('photos.exit')} · ${photoKind(kind)}`)}
                  </>
                ) : null,
            },
            {
              title: t('col.documents'),
              render: (_, row) =>
                row.evidence
                  ? links(row.evidence.documents, (kind) => t(`doc.${kind as 'inventory-list'}`))
                  : null,
            },
            { title: t('col.chain'), render: (_, row) => <ChainProofTag proof={row.chainProof} /> },
            { title: t('col.verdict'), render: (_, row) => verdict(row) },
          ]}
        />
      </Card>
      <Card title={t('windows.title')}>
        <Table<WindowRow>
          size="small"
          rowKey="key"
          pagination={false}
          scroll={{ x: true }}
          dataSource={windowRows(inspection, `/e/${enterpriseId}`)}
          expandable={{
            defaultExpandAllRows: true,
            expandedRowRender: (row) => <WindowScan window={row.window} />,
          }}
          columns={[
            { title: '#', render: (_, row) => row.position + 1 },
            {
              title: t('col.range'),
              render: (_, row) => `${formatInstant(row.from)} – ${formatInstant(row.until).slice(11)}`,
            },
            {
              title: t('col.inside'),
              render: (_, row) =>
                row.passages.length ? (
                  <Space wrap size={4}>
                    {row.passages.map((p) => (
                      <PlateChip key={p.id} text={p.plate} colour={p.plateColour} />
                    ))}
                  </Space>
                ) : (
                  <Typography.Text type="secondary">{t('windows.none')}</Typography.Text>
                ),
            },
            { title: t('col.scan'), render: (_, row) => <ScanTag window={row.window} /> },
            {
              title: t('col.playback'),
              render: (_, row) => (
                <Space orientation="vertical" size={0}>
                  <Link to={row.playback}>{t('windows.playback')}</Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('windows.cameraNote', { template: row.playlistPathTemplate })}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: t('col.verdict'), render: (_, row) => verdict(row) },
          ]}
        />
      </Card>
      <Indicators enterpriseId={enterpriseId} inspectionId={inspection.id} />
    </Space>
  );
}
