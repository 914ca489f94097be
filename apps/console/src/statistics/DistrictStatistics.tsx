import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { messages as directoryMessages } from '../enterprises/messages';
import { useMessages } from '../i18n/messages';
import { Loadable } from '../shared/Loadable';
import { ChartCard } from './ChartCard';
import { STATUS_COLOUR } from './EnterpriseStatistics';
import { messages } from './messages';
import { CleanCards, SharesCard, useStageLabel } from './parts';
import {
  cleanShare,
  type District,
  type DistrictEnterprise,
  districtMatrix,
  districtOption,
  DISTRICTS,
  type DistrictStatistics as Figures,
  percent,
} from './statistics-model';

const COMPLIANCE = ['met', 'not-met', 'no-data', 'no-threshold'] as const;

/** Each district's trips by stage: stacked bars, or the same as a table. */
function DistrictStagesCard({ statistics }: { statistics: Figures }) {
  const t = useMessages(messages);
  const label = useStageLabel();
  const matrix = useMemo(() => districtMatrix(statistics), [statistics]);
  const option = useMemo(() => districtOption(matrix, label), [matrix, label]);
  return (
    <ChartCard
      title={t('district.stages')}
      option={option}
      table={
        <Table<District>
          size="small"
          rowKey="districtCode"
          pagination={false}
          dataSource={statistics.districts}
          scroll={{ x: true }}
          columns={[
            { title: t('district.code'), dataIndex: 'districtCode' },
            ...matrix.buckets.map((bucket) => ({
              title: label(bucket),
              key: bucket,
              align: 'right' as const,
              render: (_: unknown, d: District) => d.stageShares.trips.counts[bucket],
            })),
            { title: t('stats.total'), dataIndex: 'trips', align: 'right' },
          ]}
        />
      }
    />
  );
}

function Enterprises({ district }: { district: District }) {
  const t = useMessages(messages);
  const words = useMessages(directoryMessages);
  return (
    <Table<DistrictEnterprise>
      size="small"
      rowKey="enterpriseId"
      pagination={false}
      dataSource={district.enterprises}
      columns={[
        {
          title: t('district.enterprise'),
          render: (_, e) => (
            <Link to={`/e/${encodeURIComponent(e.enterpriseId)}/statistics`}>
              {e.name}
              {e.active ? null : <Tag style={{ marginInlineStart: 8 }}>{words('directory.inactive')}</Tag>}
            </Link>
          ),
        },
        { title: words('directory.industry'), render: (_, e) => words(`industry.${e.industry}`) },
        { title: words('directory.class'), render: (_, e) => words(`class.${e.performanceClass}`) },
        { title: t('stats.trips'), dataIndex: 'trips', align: 'right' },
        {
          title: t('clean.v-plus'),
          align: 'right',
          render: (_, e) => percent(cleanShare(e.cleanTransport, 'v-plus')),
        },
        {
          title: t('clean.vi-plus'),
          align: 'right',
          render: (_, e) => percent(cleanShare(e.cleanTransport, 'vi-plus')),
        },
        {
          title: t('stats.compliance'),
          render: (_, e) => (
            <Tag color={STATUS_COLOUR[e.classCompliance.status]}>
              {t(`compliance.${e.classCompliance.status}`)}
            </Tag>
          ),
        },
      ]}
    />
  );
}

/**
 * The city view (city roles): the period's trips, stage shares and clean transport per district and
 * per enterprise of the caller's scope (an inspector: their districts), one district or all.
 */
export function DistrictStatistics({
  from,
  to,
  district,
  onDistrict,
}: {
  from: string;
  to: string;
  district: string | undefined;
  onDistrict: (district: string | undefined) => void;
}) {
  const t = useMessages(messages);
  const query = { from, to, ...(district ? { districtCode: district } : {}) };
  const statistics = useQuery({
    queryKey: ['statistics', 'districts', query],
    queryFn: () => unwrap(api.GET(DISTRICTS, { params: { query } })),
    placeholderData: keepPreviousData,
  });
  // Every district of the scope, for the picker (the answer names only the chosen one).
  const all = useQuery({
    queryKey: ['statistics', 'districts', { from, to }],
    queryFn: () => unwrap(api.GET(DISTRICTS, { params: { query: { from, to } } })),
    enabled: Boolean(district),
    placeholderData: keepPreviousData,
  });
  const codes = (district ? all.data : statistics.data)?.districts.map((d) => d.districtCode) ?? [];

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Select
        allowClear
        showSearch
        style={{ width: 240 }}
        placeholder={t('district.all')}
        aria-label={t('district.code')}
        value={district}
        onChange={(code?: string) => onDistrict(code)}
        options={codes.map((code) => ({ value: code, label: code }))}
      />
      <Loadable
        query={statistics}
        isEmpty={(s) => s.districts.length === 0}
        empty={
          <Card>
            <Empty description={t('district.none')} />
          </Card>
        }
      >
        {(s) => (
          <Space orientation="vertical" style={{ width: '100%' }} size="large">
            <Row gutter={[16, 16]}>
              <Col xs={12} md={6}>
                <Card>
                  <Statistic
                    title={t('district.enterprises')}
                    value={s.total.enterpriseCount}
                    data-testid="district-enterprises"
                  />
                </Card>
              </Col>
              <Col xs={12} md={6}>
                <Card>
                  <Statistic title={t('stats.trips')} value={s.total.trips} data-testid="district-trips" />
                </Card>
              </Col>
              <Col xs={24} md={12}>
                <Card>
                  <Statistic
                    title={t('stats.compliance')}
                    valueRender={() => (
                      <Space wrap>
                        {COMPLIANCE.map((status) => (
                          <Tag key={status} color={STATUS_COLOUR[status]}>
                            {t(`compliance.${status}`)} {s.total.classComplianceCounts[status]}
                          </Tag>
                        ))}
                      </Space>
                    )}
                  />
                </Card>
              </Col>
            </Row>
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={12}>
                <SharesCard shares={s.total.stageShares} basis="trips" />
              </Col>
              <Col xs={24} lg={12}>
                <SharesCard shares={s.total.stageShares} basis="tonnes" />
              </Col>
            </Row>
            <DistrictStagesCard statistics={s} />
            <CleanCards clean={s.total.cleanTransport} />
            <Card title={t('district.table')}>
              <Table<District>
                rowKey="districtCode"
                pagination={false}
                dataSource={s.districts}
                expandable={{ expandedRowRender: (d) => <Enterprises district={d} /> }}
                columns={[
                  { title: t('district.code'), dataIndex: 'districtCode' },
                  { title: t('district.enterprises'), dataIndex: 'enterpriseCount', align: 'right' },
                  { title: t('stats.trips'), dataIndex: 'trips', align: 'right' },
                  {
                    title: t('clean.v-plus'),
                    align: 'right',
                    render: (_, d) => percent(cleanShare(d.cleanTransport, 'v-plus')),
                  },
                  {
                    title: t('clean.vi-plus'),
                    align: 'right',
                    render: (_, d) => percent(cleanShare(d.cleanTransport, 'vi-plus')),
                  },
                  ...COMPLIANCE.map((status) => ({
                    title: t(`compliance.${status}`),
                    key: status,
                    align: 'right' as const,
                    render: (_: unknown, d: District) => d.classComplianceCounts[status],
                  })),
                ]}
              />
            </Card>
          </Space>
        )}
      </Loadable>
    </Space>
  );
}
