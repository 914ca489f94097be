import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Empty,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useMemo, useState } from 'react';
import { useParams } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { useMessages } from '../i18n/messages';
import { Loadable } from '../shared/Loadable';
import { formatInstant } from '../shared/time';
import { useUrlState } from '../shared/url-state';
import { PlateChip } from '../shared/vehicle-tags';
import { AnomalyEvidence, KIND_COLOUR } from './AnomalyEvidence';
import {
  ANOMALIES,
  ANOMALY_KINDS,
  ANOMALY_URL_KEYS,
  type Anomaly,
  kindOf,
  LIST_LIMIT,
  readPeriod,
  toAnomaliesQuery,
} from './loading-areas';
import { messages } from './messages';
import { PeriodPicker } from './PeriodPicker';

/**
 * 装卸区异常: the anomalies the ledger judged from the loading-area cameras and the gate records
 * (docs/loading-areas.md), newest first, for a period and a kind kept in the URL; a row opens its
 * evidence (images, passages, refusals, the clip).
 */
export default function LoadingAreaAnomaliesPage() {
  const t = useMessages(messages);
  const { enterpriseId = '' } = useParams();
  const [url, setUrl] = useUrlState(ANOMALY_URL_KEYS);
  const period = readPeriod(url);
  const query = useMemo(() => toAnomaliesQuery(url), [url]);
  const [opened, setOpened] = useState<Anomaly | null>(null);
  const anomalies = useQuery({
    queryKey: ['loading-area-anomalies', enterpriseId, query],
    queryFn: () => unwrap(api.GET(ANOMALIES, { params: { path: { enterpriseId }, query } })),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<Anomaly> = [
    { key: 'at', title: t('time'), width: 170, render: (_, a) => formatInstant(a.at) },
    {
      key: 'kind',
      title: t('kind'),
      width: 220,
      render: (_, a) => <Tag color={KIND_COLOUR[a.kind]}>{t(`kind.${a.kind}`)}</Tag>,
    },
    {
      key: 'plate',
      title: t('plate'),
      width: 140,
      render: (_, a) => <PlateChip text={a.plate} colour="unknown" />,
    },
    { key: 'reason', title: t('reason'), render: (_, a) => a.reason },
    { key: 'detectedAt', title: t('detectedAt'), width: 170, render: (_, a) => formatInstant(a.detectedAt) },
    {
      key: 'evidence',
      title: '',
      width: 100,
      render: (_, a) => (
        <Button
          size="small"
          onClick={(event) => {
            event.stopPropagation();
            setOpened(a);
          }}
        >
          {t('evidence.open')}
        </Button>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('anomalies.title')}
      </Typography.Title>
      <Alert type="info" showIcon title={t('anomalies.intro')} />
      <Card
        size="small"
        title={
          <Space wrap>
            <PeriodPicker period={period} label={t('period')} onChange={(next) => setUrl(next)} />
            <Select
              allowClear
              aria-label={t('kind')}
              placeholder={t('kind.all')}
              style={{ minWidth: 240 }}
              value={kindOf(url)}
              onChange={(kind?: string) => setUrl({ kind })}
              options={ANOMALY_KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))}
            />
          </Space>
        }
      >
        <Loadable
          query={anomalies}
          isEmpty={(page) => page.items.length === 0}
          empty={<Empty description={t('anomalies.empty')} />}
        >
          {(page) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {page.truncated ? (
                <Alert type="warning" showIcon title={t('truncated', { limit: LIST_LIMIT })} />
              ) : null}
              <Table<Anomaly>
                rowKey="anomalyId"
                size="middle"
                columns={columns}
                dataSource={page.items}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                loading={anomalies.isFetching && anomalies.isPlaceholderData}
                onRow={(a) => ({ onClick: () => setOpened(a), style: { cursor: 'pointer' } })}
                scroll={{ x: 1000 }}
              />
            </Space>
          )}
        </Loadable>
      </Card>
      {opened ? (
        <AnomalyEvidence enterpriseId={enterpriseId} anomaly={opened} onClose={() => setOpened(null)} />
      ) : null}
    </Space>
  );
}
