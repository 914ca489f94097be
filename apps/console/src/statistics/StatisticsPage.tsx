import { EMISSION_STAGE_LABELS, type StageBucket } from '@ecogate/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, DatePicker, Empty, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useMemo } from 'react';
import { useParams } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { messages as directoryMessages } from '../enterprises/messages';
import { useI18n } from '../i18n/i18n';
import { useMessages } from '../i18n/messages';
import { allows } from '../session/permissions';
import { useAccount } from '../session/session';
import { Loadable } from '../shared/Loadable';
import { daysBefore, localDate } from '../shared/time';
import { useUrlState } from '../shared/url-state';
import { ChartCard } from './ChartCard';
import { messages } from './messages';
import {
  type CleanTransport,
  type Compliance,
  DAILY,
  dailyMatrix,
  dailyOption,
  type DailyRow,
  dailyRows,
  percent,
  periodFrom,
  type ShareRow,
  shareRows,
  sharesOption,
  SUMMARY,
  type Summary,
  type SummaryQuery,
} from './statistics-model';

const DIRECTORY_ENTRY = '/api/gateway/v1/enterprises/{enterpriseId}';

function useStageLabel(): (bucket: StageBucket) => string {
  const { language } = useI18n();
  const t = useMessages(messages);
  return useCallback(
    (bucket: StageBucket) =>
      bucket === 'unknown'
        ? t('stats.unknown')
        : EMISSION_STAGE_LABELS[bucket][language === 'en' ? 'en' : 'zh'],
    [language, t],
  );
}

function SharesCard({ summary, basis }: { summary: Summary; basis: 'trips' | 'tonnes' }) {
  const t = useMessages(messages);
  const label = useStageLabel();
  const rows = useMemo(() => shareRows(summary, basis), [summary, basis]);
  const title = basis === 'trips' ? t('stats.byCount') : t('stats.byTonnes');
  const option = useMemo(() => sharesOption(rows, title, label), [rows, title, label]);
  const total = summary.stageShares[basis].total;
  const unit = basis === 'trips' ? t('stats.count') : t('stats.amount');
  const withoutTonnes = summary.stageShares.tonnes.tripsWithoutTonnes;
  return (
    <ChartCard
      title={title}
      option={option}
      footer={
        basis === 'tonnes' && withoutTonnes > 0 ? (
          <Typography.Text type="secondary">
            {t('stats.withoutTonnes', { count: withoutTonnes })}
          </Typography.Text>
        ) : null
      }
      table={
        <Table<ShareRow>
          size="small"
          rowKey="bucket"
          pagination={false}
          dataSource={rows}
          columns={[
            { title: t('stats.stage'), render: (_, row) => label(row.bucket) },
            { title: unit, dataIndex: 'value', align: 'right', render: (v: number) => v.toLocaleString() },
            { title: t('stats.share'), align: 'right', render: (_, row) => percent(row.share) },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{t('stats.total')}</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {total.toLocaleString()}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {total > 0 ? percent(1) : '—'}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      }
    />
  );
}

function DailyCard({
  rows: ledgerRows,
  from,
  to,
}: {
  rows: Parameters<typeof dailyMatrix>[0];
  from: string;
  to: string;
}) {
  const t = useMessages(messages);
  const label = useStageLabel();
  const matrix = useMemo(() => dailyMatrix(ledgerRows, from, to), [ledgerRows, from, to]);
  const option = useMemo(() => dailyOption(matrix, label), [matrix, label]);
  const rows = useMemo(() => dailyRows(matrix), [matrix]);
  return (
    <ChartCard
      title={t('stats.daily')}
      option={option}
      height={360}
      table={
        <Table<DailyRow>
          size="small"
          rowKey="day"
          dataSource={rows}
          pagination={{ pageSize: 31, hideOnSinglePage: true }}
          scroll={{ x: true }}
          columns={[
            { title: t('stats.day'), dataIndex: 'day', fixed: 'left' },
            ...matrix.buckets.map((bucket) => ({
              title: label(bucket),
              key: bucket,
              align: 'right' as const,
              render: (_: unknown, row: DailyRow) => row.counts[bucket] ?? 0,
            })),
            { title: t('stats.total'), dataIndex: 'total', align: 'right' },
          ]}
        />
      }
    />
  );
}

function CleanCards({ clean }: { clean: readonly CleanTransport[] }) {
  const t = useMessages(messages);
  return (
    <Card title={t('stats.clean')}>
      <Row gutter={[16, 16]}>
        {clean.map((ratio) => (
          <Col key={ratio.definition} xs={24} md={8}>
            <Statistic
              title={t(`clean.${ratio.definition}`)}
              value={percent(ratio.byTrips.ratio)}
              data-testid={`clean-${ratio.definition}`}
            />
            <Typography.Text type="secondary">
              {t('stats.byTripsShort')} ·{' '}
              {t('stats.cleanOf', { clean: ratio.byTrips.clean, total: ratio.byTrips.total })}
              <br />
              {t('stats.byTonnesShort', { share: percent(ratio.byTonnes.ratio) })}
            </Typography.Text>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

const STATUS_COLOUR: Record<Compliance['status'], string> = {
  met: 'success',
  'not-met': 'error',
  'no-data': 'warning',
  'no-threshold': 'default',
};

function ComplianceCard({ compliance }: { compliance: Compliance | null }) {
  const t = useMessages(messages);
  const words = useMessages(directoryMessages);
  if (!compliance)
    return (
      <Card title={t('stats.compliance')}>
        <Typography.Text type="secondary">{t('compliance.unknownClass')}</Typography.Text>
      </Card>
    );
  return (
    <Card
      title={t('stats.compliance')}
      extra={t('stats.complianceFor', {
        industry: words(`industry.${compliance.industry}`),
        class: compliance.performanceClass,
      })}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Statistic
          title={t('stats.compliance')}
          valueRender={() => (
            <Tag
              color={STATUS_COLOUR[compliance.status]}
              style={{ fontSize: 16, padding: '4px 12px' }}
              data-testid="compliance"
            >
              {t(`compliance.${compliance.status}`)}
            </Tag>
          )}
        />
        {compliance.indicators.length > 0 ? (
          <Table
            size="small"
            rowKey={(row) => `${row.metric}-${row.basis}`}
            pagination={false}
            dataSource={compliance.indicators}
            columns={[
              { title: t('stats.indicator'), render: (_, row) => t(`clean.${row.metric}`) },
              { title: t('stats.basis'), render: (_, row) => t(`basis.${row.basis}`) },
              {
                title: t('stats.required'),
                render: (_, row) => t('stats.atLeast', { share: percent(row.minimumShare) }),
              },
              { title: t('stats.actual'), render: (_, row) => percent(row.actual) },
              {
                title: t('stats.result'),
                render: (_, row) =>
                  row.met === null ? (
                    <Tag color="warning">{t('compliance.no-data')}</Tag>
                  ) : (
                    <Tag color={row.met ? 'success' : 'error'}>
                      {t(row.met ? 'compliance.met' : 'compliance.not-met')}
                    </Tag>
                  ),
              },
              { title: t('stats.source'), dataIndex: 'source' },
            ]}
          />
        ) : null}
      </Space>
    </Card>
  );
}

/**
 * 统计: the period's stage shares (trips and cargo tonnes), trips per day by stage, clean-transport
 * ratios and the class indicator, each chart with its table. The period lives in the URL.
 */
export default function StatisticsPage() {
  const t = useMessages(messages);
  const { enterpriseId = '' } = useParams();
  const account = useAccount();
  const [state, setState] = useUrlState(['from', 'to'] as const);
  const { from, to } = periodFrom(state.from, state.to);
  const today = localDate();

  // The class indicator needs the enterprise's class and industry, which the directory holds.
  const readsDirectory = allows(account.role, 'GET', DIRECTORY_ENTRY);
  const entry = useQuery({
    queryKey: ['enterprises', 'entry', enterpriseId],
    queryFn: () => unwrap(api.GET(DIRECTORY_ENTRY, { params: { path: { enterpriseId } } })),
    enabled: readsDirectory,
    staleTime: 5 * 60_000,
  });
  const classQuery = entry.data
    ? { performanceClass: entry.data.performanceClass, industry: entry.data.industry }
    : {};
  const waitForClass = readsDirectory && entry.isPending;

  const summaryQuery: SummaryQuery = { from, to, ...classQuery };
  const summary = useQuery({
    queryKey: ['statistics', 'summary', enterpriseId, summaryQuery],
    queryFn: () => unwrap(api.GET(SUMMARY, { params: { path: { enterpriseId }, query: summaryQuery } })),
    enabled: !waitForClass,
    placeholderData: keepPreviousData,
  });
  const daily = useQuery({
    queryKey: ['statistics', 'daily', enterpriseId, from, to],
    queryFn: () => unwrap(api.GET(DAILY, { params: { path: { enterpriseId }, query: { from, to } } })),
    placeholderData: keepPreviousData,
  });

  const presets = [
    {
      label: t('stats.last7'),
      value: [dayjs(daysBefore(today, 6)), dayjs(today)] as [dayjs.Dayjs, dayjs.Dayjs],
    },
    {
      label: t('stats.last30'),
      value: [dayjs(daysBefore(today, 29)), dayjs(today)] as [dayjs.Dayjs, dayjs.Dayjs],
    },
    {
      label: t('stats.last90'),
      value: [dayjs(daysBefore(today, 89)), dayjs(today)] as [dayjs.Dayjs, dayjs.Dayjs],
    },
    {
      label: t('stats.thisYear'),
      value: [dayjs(`${today.slice(0, 4)}-01-01`), dayjs(today)] as [dayjs.Dayjs, dayjs.Dayjs],
    },
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Card>
        <Space wrap align="center">
          <Typography.Text strong>{t('stats.period')}</Typography.Text>
          <DatePicker.RangePicker
            aria-label={t('stats.period')}
            allowClear={false}
            value={[dayjs(from), dayjs(to)]}
            presets={presets}
            disabledDate={(day) => day.format('YYYY-MM-DD') > today}
            onChange={(range) => {
              if (range?.[0] && range[1])
                setState({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') });
            }}
          />
          <Typography.Text type="secondary">{t('stats.periodHelp')}</Typography.Text>
        </Space>
      </Card>
      <Loadable
        query={summary}
        isEmpty={(s) => s.trips === 0}
        empty={
          <Card>
            <Empty description={t('stats.noTrips')} />
          </Card>
        }
      >
        {(s) => (
          <Space orientation="vertical" style={{ width: '100%' }} size="large">
            <Row gutter={[16, 16]}>
              <Col xs={24} md={8}>
                <Card>
                  <Statistic title={t('stats.trips')} value={s.trips} data-testid="trips" />
                </Card>
              </Col>
              <Col xs={24} md={8}>
                <Card>
                  <Statistic title={t('stats.tonnes')} value={s.stageShares.tonnes.total} precision={1} />
                </Card>
              </Col>
            </Row>
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={12}>
                <SharesCard summary={s} basis="trips" />
              </Col>
              <Col xs={24} lg={12}>
                <SharesCard summary={s} basis="tonnes" />
              </Col>
            </Row>
            <Loadable query={daily}>{(rows) => <DailyCard rows={rows} from={from} to={to} />}</Loadable>
            <CleanCards clean={s.cleanTransport} />
            <ComplianceCard compliance={s.classCompliance} />
          </Space>
        )}
      </Loadable>
    </Space>
  );
}
