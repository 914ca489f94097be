import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Input, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useParams } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { useMessages } from '../i18n/messages';
import { Loadable } from '../shared/Loadable';
import { formatInstant } from '../shared/time';
import { useUrlState } from '../shared/url-state';
import { PlateChip } from '../shared/vehicle-tags';
import {
  LIST_LIMIT,
  readPeriod,
  type Sighting,
  SIGHTING_URL_KEYS,
  SIGHTINGS,
  toSightingsQuery,
} from './loading-areas';
import { messages } from './messages';
import { PeriodPicker } from './PeriodPicker';
import { SightingPhoto } from './SightingPhoto';

/**
 * 装卸区识别记录: every plate the loading-area cameras read, newest first, for a period and a plate
 * kept in the URL; a doubtful read is listed but was never judged.
 */
export default function LoadingAreaSightingsPage() {
  const t = useMessages(messages);
  const { enterpriseId = '' } = useParams();
  const [url, setUrl] = useUrlState(SIGHTING_URL_KEYS);
  const period = readPeriod(url);
  const query = useMemo(() => toSightingsQuery(url), [url]);
  const sightings = useQuery({
    queryKey: ['loading-area-sightings', enterpriseId, query],
    queryFn: () => unwrap(api.GET(SIGHTINGS, { params: { path: { enterpriseId }, query } })),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<Sighting> = [
    { key: 'at', title: t('time'), width: 170, render: (_, s) => formatInstant(s.at) },
    { key: 'camera', title: t('camera'), render: (_, s) => s.cameraId },
    {
      key: 'plate',
      title: t('plate'),
      width: 140,
      render: (_, s) => <PlateChip text={s.plate} colour={s.plateColour} />,
    },
    {
      key: 'confidence',
      title: t('confidence'),
      width: 100,
      render: (_, s) => `${(s.confidence * 100).toFixed(1)} %`,
    },
    {
      key: 'verdict',
      title: t('verdict'),
      width: 170,
      render: (_, s) => (
        <Tag color={s.verdict === 'trusted' ? 'green' : 'orange'}>{t(`verdict.${s.verdict}`)}</Tag>
      ),
    },
    {
      key: 'crop',
      title: t('crop'),
      width: 150,
      render: (_, s) => (
        <SightingPhoto
          enterpriseId={enterpriseId}
          sightingId={s.sightingId}
          kind="plate"
          width={120}
          alt={`${s.plate} ${t('crop')}`}
        />
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('sightings.title')}
      </Typography.Title>
      <Card
        size="small"
        title={
          <Space wrap>
            <PeriodPicker period={period} label={t('period')} onChange={(next) => setUrl(next)} />
            <Input.Search
              key={url.plate ?? ''}
              allowClear
              aria-label={t('plate')}
              placeholder={t('plate.placeholder')}
              defaultValue={url.plate}
              enterButton={t('search')}
              style={{ width: 280 }}
              onSearch={(plate) => setUrl({ plate: plate.trim() })}
            />
          </Space>
        }
      >
        <Loadable
          query={sightings}
          isEmpty={(page) => page.items.length === 0}
          empty={<Empty description={t('sightings.empty')} />}
        >
          {(page) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {page.truncated ? (
                <Alert type="warning" showIcon title={t('truncated', { limit: LIST_LIMIT })} />
              ) : null}
              <Table<Sighting>
                rowKey="sightingId"
                size="middle"
                columns={columns}
                dataSource={page.items}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                loading={sightings.isFetching && sightings.isPlaceholderData}
                scroll={{ x: 900 }}
              />
            </Space>
          )}
        </Loadable>
      </Card>
    </Space>
  );
}
