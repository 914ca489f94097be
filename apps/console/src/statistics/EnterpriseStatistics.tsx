import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { api, unwrap } from '../api/client';
import { messages as directoryMessages } from '../enterprises/messages';
import { useMessages } from '../i18n/messages';
import { Loadable } from '../shared/Loadable';
import { ChartCard } from './ChartCard';
import { messages } from './messages';
import { CleanCards, SharesCard, useStageLabel } from './parts';
import {
  type Compliance,
  DAILY,
  dailyMatrix,
  dailyOption,
  type DailyRow,
  dailyRows,
  type DailyStages,
  percent,
  SUMMARY,
} from './statistics-model';

function DailyCard({ rows: ledgerRows, from, to }: { rows: DailyStages; from: string; to: string }) {
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

export const STATUS_COLOUR: Record<Compliance['status'], string> = {
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
        class: words(`class.${compliance.performanceClass}`),
      })}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Tag
          color={STATUS_COLOUR[compliance.status]}
          style={{ fontSize: 16, padding: '4px 12px' }}
          data-testid="compliance"
        >
          {t(`compliance.${compliance.status}`)}
        </Tag>
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

/** One enterprise's period: totals, shares, trips per day, clean transport, its class indicator. */
export function EnterpriseStatistics({
  enterpriseId,
  from,
  to,
}: {
  enterpriseId: string;
  from: string;
  to: string;
}) {
  const t = useMessages(messages);
  // The ledger takes the class and industry from its copy of the directory.
  const summary = useQuery({
    queryKey: ['statistics', 'summary', enterpriseId, from, to],
    queryFn: () => unwrap(api.GET(SUMMARY, { params: { path: { enterpriseId }, query: { from, to } } })),
    placeholderData: keepPreviousData,
  });
  const daily = useQuery({
    queryKey: ['statistics', 'daily', enterpriseId, from, to],
    queryFn: () => unwrap(api.GET(DAILY, { params: { path: { enterpriseId }, query: { from, to } } })),
    placeholderData: keepPreviousData,
  });
  return (
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
              <SharesCard shares={s.stageShares} basis="trips" />
            </Col>
            <Col xs={24} lg={12}>
              <SharesCard shares={s.stageShares} basis="tonnes" />
            </Col>
          </Row>
          <Loadable query={daily}>{(rows) => <DailyCard rows={rows} from={from} to={to} />}</Loadable>
          <CleanCards clean={s.cleanTransport} />
          <ComplianceCard compliance={s.classCompliance} />
        </Space>
      )}
    </Loadable>
  );
}
