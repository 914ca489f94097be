import { useQuery } from '@tanstack/react-query';
import { Card, Radio, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { type paths } from '../api/generated/schema';
import { useMessages } from '../i18n/messages';
import { KeysetPager } from '../shared/KeysetPager';
import { useKeysetPaging } from '../shared/keyset';
import { Loadable } from '../shared/Loadable';
import { formatInstant } from '../shared/time';
import { messages } from './messages';
import { type ListStatus } from './window-scan-model';

/** The inspections of the caller's enterprises (an inspector's districts; all for city-wide roles). */
export const DISTRICT_ROUTE = '/api/ledger/v1/inspections';
type DistrictList = paths[typeof DISTRICT_ROUTE]['get']['responses'][200]['content']['application/json'];
export type DistrictInspection = DistrictList['items'][number];

/** Where one inspection opens: its enterprise's 核查 page with its id. */
export const inspectionLink = (row: Pick<DistrictInspection, 'enterpriseId' | 'id'>): string =>
  `/e/${encodeURIComponent(row.enterpriseId)}/inspections?${new URLSearchParams({ inspection: row.id }).toString()}`;

/** 辖区近期抽查: newest first, by enterprise name, each opening on its enterprise's page. Filters live in the caller's URL. */
export function DistrictInspections({
  status,
  cursor,
  onFilter,
}: {
  status: ListStatus | undefined;
  cursor: string | undefined;
  onFilter: (filter: { listStatus?: ListStatus | undefined; cursor?: string | undefined }) => void;
}) {
  const t = useMessages(messages);
  const paging = useKeysetPaging(
    cursor,
    (next) => onFilter({ listStatus: status, cursor: next }),
    status ?? '',
  );
  const query = useQuery({
    queryKey: ['district-inspections', status, cursor],
    queryFn: () =>
      unwrap(
        api.GET(DISTRICT_ROUTE, {
          params: { query: { ...(status ? { status } : {}), ...(cursor ? { cursor } : {}), limit: 20 } },
        }),
      ),
  });
  return (
    <Card
      title={t('district.title')}
      extra={
        <Radio.Group
          size="small"
          value={status ?? 'all'}
          onChange={(e) => {
            const value = e.target.value as ListStatus | 'all';
            onFilter({ listStatus: value === 'all' ? undefined : value, cursor: undefined });
          }}
          options={[
            { value: 'all', label: t('list.all') },
            { value: 'open', label: t('status.open') },
            { value: 'closed', label: t('status.closed') },
          ]}
        />
      }
    >
      <Loadable
        query={query}
        isEmpty={(data) => data.items.length === 0 && !cursor}
        empty={<Typography.Text type="secondary">{t('district.none')}</Typography.Text>}
      >
        {(data) => (
          <>
            <Table<DistrictInspection>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={data.items}
              columns={[
                {
                  title: t('district.enterprise'),
                  render: (_, row) => (
                    <Link to={inspectionLink(row)}>{row.enterpriseName ?? row.enterpriseId}</Link>
                  ),
                },
                { title: t('inspection.period'), render: (_, row) => `${row.from} – ${row.to}` },
                {
                  title: t('inspection.status'),
                  render: (_, row) => (
                    <Tag color={row.status === 'open' ? 'processing' : 'default'}>
                      {t(`status.${row.status}`)}
                    </Tag>
                  ),
                },
                {
                  title: t('district.inconsistent'),
                  render: (_, row) =>
                    row.inconsistent > 0 ? <Tag color="error">{row.inconsistent}</Tag> : row.inconsistent,
                },
                {
                  title: t('list.progress'),
                  render: (_, row) =>
                    t('list.marked', {
                      marked: row.marked,
                      total: row.passages + row.windows,
                      inconsistent: row.inconsistent,
                    }),
                },
                { title: t('inspection.at'), render: (_, row) => formatInstant(row.createdAt) },
              ]}
            />
            <KeysetPager paging={paging} nextCursor={data.nextCursor} loading={query.isFetching} />
          </>
        )}
      </Loadable>
    </Card>
  );
}
