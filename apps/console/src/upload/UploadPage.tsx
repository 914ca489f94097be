import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Popconfirm,
  Progress,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { api, ApiError, unwrap } from '../api/client';
import { useMessages } from '../i18n/messages';
import { allows } from '../session/permissions';
import { useAccount } from '../session/session';
import { ErrorResult } from '../shared/ErrorResult';
import { Loadable } from '../shared/Loadable';
import { formatInstant } from '../shared/time';
import { useUrlState } from '../shared/url-state';
import { messages } from './messages';
import { RecordDrawer } from './RecordDrawer';
import { RePushDialog, type RePushTarget } from './RePushDialog';
import {
  ageParts,
  BACKLOG,
  type DailyRate,
  DELIVERY_STATES,
  type DeliveryState,
  nextCursor,
  PAGE_SIZE,
  percent,
  RATE,
  RATE_TARGET,
  rateSummary,
  RE_PUSH_ONE,
  RECORDS,
  type RecordSummary,
  RESUME,
  STATE_COLOUR,
  STATUS,
} from './upload-data';

const RATE_DAYS = ['7', '30', '90'] as const;

/** The city-wide delivery status (city roles only): stopped on a configuration error, resumed by an operator. */
function StatusCard() {
  const t = useMessages(messages);
  const { message } = App.useApp();
  const account = useAccount();
  const queries = useQueryClient();
  const status = useQuery({ queryKey: ['upload', 'status'], queryFn: () => unwrap(api.GET(STATUS)) });
  const resume = useMutation({
    mutationFn: () => unwrap(api.POST(RESUME)),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['upload', 'status'] });
      void message.success(t('status.resumed'));
    },
    onError: (error) =>
      void message.error(error instanceof ApiError ? `${error.reason} (${error.code})` : String(error)),
  });
  return (
    <Card size="small" title={`${t('status')} ${t('status.perService')}`}>
      <Loadable query={status}>
        {(s) => (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Space wrap>
              <Tag color={s.delivering ? 'success' : 'error'}>
                {t(s.delivering ? 'status.delivering' : 'status.halted')}
              </Tag>
              <Typography.Text type="secondary">
                {s.lastHeartbeat
                  ? t('status.heartbeat', {
                      at: formatInstant(s.lastHeartbeat.at),
                      result: s.lastHeartbeat.ok
                        ? t('status.heartbeat.ok')
                        : `${t('status.heartbeat.failed')} ${s.lastHeartbeat.error ?? ''}`,
                    })
                  : t('status.heartbeat.none')}
              </Typography.Text>
            </Space>
            {s.configurationError ? (
              <Alert
                type="error"
                showIcon
                title={`${s.configurationError.message} (${s.configurationError.code})`}
                description={formatInstant(s.configurationError.since)}
                action={
                  allows(account.role, 'POST', RESUME) ? (
                    <Popconfirm title={t('status.resume.confirm')} onConfirm={() => resume.mutate()}>
                      <Button size="small" danger loading={resume.isPending}>
                        {t('status.resume')}
                      </Button>
                    </Popconfirm>
                  ) : undefined
                }
              />
            ) : null}
          </Space>
        )}
      </Loadable>
    </Card>
  );
}

/** 数据上传: delivery to the provincial platform — backlog, daily transmission rate, records, 补传. */
export default function UploadPage() {
  const t = useMessages(messages);
  const { enterpriseId = '' } = useParams();
  const account = useAccount();
  const [filter, setFilter] = useUrlState(['state', 'after', 'days'], { days: '7' });
  // Cursors of the pages before this one, for “previous” (a shared link starts a fresh trail).
  const [trail, setTrail] = useState<string[]>([]);
  const [rePush, setRePush] = useState<RePushTarget | null>(null);
  const [detail, setDetail] = useState<string | null>(null);
  const path = { enterpriseId };
  const mayRePush = allows(account.role, 'POST', RE_PUSH_ONE);
  const days = RATE_DAYS.includes(filter.days as (typeof RATE_DAYS)[number]) ? Number(filter.days) : 7;
  const state = DELIVERY_STATES.includes(filter.state as DeliveryState)
    ? (filter.state as DeliveryState)
    : undefined;

  const backlog = useQuery({
    queryKey: ['upload', enterpriseId, 'backlog'],
    queryFn: () => unwrap(api.GET(BACKLOG, { params: { path } })),
    refetchInterval: 30_000,
  });
  const rate = useQuery({
    queryKey: ['upload', enterpriseId, 'rate', days],
    queryFn: () => unwrap(api.GET(RATE, { params: { path, query: { days } } })),
  });
  const records = useQuery({
    queryKey: ['upload', enterpriseId, 'records', state, filter.after],
    queryFn: () =>
      unwrap(
        api.GET(RECORDS, {
          params: {
            path,
            query: {
              limit: PAGE_SIZE,
              ...(state ? { state } : {}),
              ...(filter.after ? { after: filter.after } : {}),
            },
          },
        }),
      ),
  });
  const next = records.data ? nextCursor(records.data) : undefined;
  const goTo = (after: string | undefined, newTrail: string[]) => {
    setTrail(newTrail);
    setFilter({ after });
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('title')}
      </Typography.Title>
      {allows(account.role, 'GET', STATUS) ? <StatusCard /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('backlog')} style={{ height: '100%' }}>
            <Loadable query={backlog}>
              {(b) => {
                const age = b.oldestPendingAgeSeconds === null ? null : ageParts(b.oldestPendingAgeSeconds);
                return (
                  <Space orientation="vertical" style={{ width: '100%' }}>
                    <Row gutter={16}>
                      <Col span={12}>
                        <Statistic title={t('backlog.hint')} value={b.backlog} />
                      </Col>
                      <Col span={12}>
                        <Statistic
                          title={t('oldest')}
                          value={
                            b.oldestPendingCapturedAt
                              ? formatInstant(b.oldestPendingCapturedAt)
                              : t('oldest.none')
                          }
                          styles={{ content: { fontSize: 16 } }}
                        />
                        {age ? (
                          <Typography.Text type={age.unit === 'minutes' ? 'secondary' : 'danger'}>
                            {t(`age.${age.unit}`, { a: age.a, b: age.b })}
                          </Typography.Text>
                        ) : null}
                      </Col>
                    </Row>
                    <Space wrap>
                      {DELIVERY_STATES.map((s) => (
                        <Tag
                          key={s}
                          color={STATE_COLOUR[s]}
                          style={{ cursor: 'pointer' }}
                          onClick={() => {
                            setTrail([]);
                            setFilter({ state: s, after: undefined });
                          }}
                        >
                          {t(`state.${s}`)} {b.counts[s]}
                        </Tag>
                      ))}
                    </Space>
                  </Space>
                );
              }}
            </Loadable>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card
            size="small"
            title={t('rate')}
            extra={
              <Segmented
                size="small"
                value={String(days)}
                onChange={(value) => setFilter({ days: String(value) })}
                options={RATE_DAYS.map((d) => ({ value: d, label: t('rate.days', { days: d }) }))}
              />
            }
          >
            <Loadable query={rate}>{(rows) => <RateView rows={rows} />}</Loadable>
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        title={t('records')}
        extra={
          <Space>
            <Select
              allowClear
              placeholder={t('filter.state')}
              style={{ minWidth: 140 }}
              value={state}
              onChange={(value?: DeliveryState) => {
                setTrail([]);
                setFilter({ state: value, after: undefined });
              }}
              options={DELIVERY_STATES.map((s) => ({ value: s, label: t(`state.${s}`) }))}
            />
            {mayRePush ? (
              <Button danger onClick={() => setRePush({ range: true })}>
                {t('rePush.range')}
              </Button>
            ) : null}
          </Space>
        }
      >
        {records.isError ? (
          <ErrorResult error={records.error} onRetry={() => void records.refetch()} />
        ) : (
          <>
            <Table<RecordSummary>
              rowKey="serial"
              size="small"
              loading={records.isPending}
              dataSource={records.data ?? []}
              pagination={false}
              scroll={{ x: 'max-content' }}
              columns={[
                {
                  title: t('col.serial'),
                  key: 'serial',
                  render: (_, r) => (
                    <Typography.Link onClick={() => setDetail(r.serial)}>{r.serial}</Typography.Link>
                  ),
                },
                { title: t('col.captured'), key: 'captured', render: (_, r) => formatInstant(r.capturedAt) },
                {
                  title: t('col.direction'),
                  key: 'direction',
                  render: (_, r) =>
                    r.direction === 'in' || r.direction === 'out'
                      ? t(`direction.${r.direction}`)
                      : r.direction,
                },
                {
                  title: t('col.state'),
                  key: 'state',
                  render: (_, r) => <Tag color={STATE_COLOUR[r.state]}>{t(`state.${r.state}`)}</Tag>,
                },
                { title: t('col.attempts'), dataIndex: 'attempts' },
                {
                  title: t('col.next'),
                  key: 'next',
                  render: (_, r) => (r.state === 'pending' ? formatInstant(r.nextAttemptAt) : '—'),
                },
                {
                  title: t('col.problem'),
                  key: 'problem',
                  render: (_, r) => r.rejectionReason ?? r.lastError ?? '—',
                },
                {
                  title: t('col.acknowledged'),
                  key: 'ack',
                  render: (_, r) =>
                    r.acknowledgedAt ? `${formatInstant(r.acknowledgedAt)} ${r.ackStatus ?? ''}` : '—',
                },
                ...(mayRePush
                  ? [
                      {
                        title: '',
                        key: 'rePush',
                        render: (_: unknown, r: RecordSummary) =>
                          r.state === 'in-flight' ? null : (
                            <Button
                              size="small"
                              type="link"
                              danger
                              onClick={() => setRePush({ serial: r.serial })}
                            >
                              {t('rePush')}
                            </Button>
                          ),
                      },
                    ]
                  : []),
              ]}
            />
            <Space style={{ marginTop: 12 }}>
              <Button disabled={!filter.after} onClick={() => goTo(undefined, [])}>
                {t('page.first')}
              </Button>
              <Button
                disabled={!filter.after}
                onClick={() => goTo(trail[trail.length - 1], trail.slice(0, -1))}
              >
                {t('page.previous')}
              </Button>
              <Button
                disabled={!next}
                onClick={() => goTo(next, filter.after ? [...trail, filter.after] : [])}
              >
                {t('page.next')}
              </Button>
            </Space>
          </>
        )}
      </Card>
      {rePush ? (
        <RePushDialog enterpriseId={enterpriseId} target={rePush} onClose={() => setRePush(null)} />
      ) : null}
      {detail ? (
        <RecordDrawer enterpriseId={enterpriseId} serial={detail} onClose={() => setDetail(null)} />
      ) : null}
    </Space>
  );
}

/** The days' rates as bars against the 95 % line, and the period's overall rate. */
function RateView({ rows }: { rows: readonly DailyRate[] }) {
  const t = useMessages(messages);
  const summary = rateSummary(rows);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space size="large" wrap>
        <Statistic
          title={t('rate')}
          value={percent(summary.rate)}
          suffix="%"
          styles={{ content: { color: summary.rate < RATE_TARGET ? '#cf1322' : '#13795b' } }}
        />
        <Statistic title={t('rate.produced')} value={summary.produced} />
        <Statistic title={t('rate.acknowledged')} value={summary.acknowledged} />
        <Typography.Text type="secondary">{t('rate.target')}</Typography.Text>
      </Space>
      {summary.daysBelow.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={t('rate.below', { count: summary.daysBelow.length, days: summary.daysBelow.join('、') })}
        />
      ) : null}
      <Table<DailyRate>
        rowKey="day"
        size="small"
        pagination={false}
        dataSource={[...rows].reverse()}
        scroll={{ y: 240 }}
        columns={[
          { title: t('rate.day'), dataIndex: 'day', width: 110 },
          { title: t('rate.produced'), dataIndex: 'produced', width: 80 },
          { title: t('rate.acknowledged'), dataIndex: 'acknowledged', width: 80 },
          {
            title: t('rate'),
            key: 'rate',
            render: (_, d) => (
              <Progress
                percent={percent(d.rate)}
                size="small"
                status={d.rate < RATE_TARGET ? 'exception' : 'success'}
                format={(value) => `${value ?? 0}%`}
              />
            ),
          },
        ]}
      />
    </Space>
  );
}
