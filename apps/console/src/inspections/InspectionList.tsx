import { useQuery } from '@tanstack/react-query';
import { Card, Radio, Table, Tag, Typography } from 'antd';
import { api, unwrap } from '../api/client';
import { useMessages } from '../i18n/messages';
import { KeysetPager } from '../shared/KeysetPager';
import { useKeysetPaging } from '../shared/keyset';
import { Loadable } from '../shared/Loadable';
import { formatInstant } from '../shared/time';
import { messages } from './messages';
import { Person } from './Person';
import { type InspectionSummary, LIST_ROUTE, type ListStatus } from './window-scan-model';

/** The enterprise's past inspections, newest first; opening one puts its id in the URL. */
export function InspectionList({
  enterpriseId,
  status,
  cursor,
  onFilter,
  onOpen,
}: {
  enterpriseId: string;
  status: ListStatus | undefined;
  cursor: string | undefined;
  onFilter: (filter: { listStatus?: ListStatus | undefined; cursor?: string | undefined }) => void;
  onOpen: (inspectionId: string) => void;
}) {
  const t = useMessages(messages);
  const paging = useKeysetPaging(
    cursor,
    (next) => onFilter({ listStatus: status, cursor: next }),
    status ?? '',
  );
  const query = useQuery({
    queryKey: ['inspections', enterpriseId, status, cursor],
    queryFn: () =>
      unwrap(
        api.GET(LIST_ROUTE, {
          params: {
            path: { enterpriseId },
            query: { ...(status ? { status } : {}), ...(cursor ? { cursor } : {}), limit: 20 },
          },
        }),
      ),
  });
  return (
    <Card
      title={t('list.title')}
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
        empty={<Typography.Text type="secondary">{t('list.none')}</Typography.Text>}
      >
        {(data) => (
          <>
            <Table<InspectionSummary>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={data.items}
              columns={[
                {
                  title: t('inspection.period'),
                  render: (_, row) => (
                    <Typography.Link onClick={() => onOpen(row.id)}>
                      {row.from} – {row.to}
                    </Typography.Link>
                  ),
                },
                { title: t('inspection.at'), render: (_, row) => formatInstant(row.createdAt) },
                {
                  title: t('inspection.by'),
                  render: (_, row) => <Person id={row.createdBy} name={row.createdByName} />,
                },
                {
                  title: t('inspection.status'),
                  render: (_, row) => (
                    <Tag color={row.status === 'open' ? 'processing' : 'default'}>
                      {t(`status.${row.status}`)}
                    </Tag>
                  ),
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
                {
                  title: t('windows.title'),
                  render: (_, row) =>
                    row.scanning > 0 ? (
                      <Tag color="processing">{t('list.scanning', { count: row.scanning })}</Tag>
                    ) : null,
                },
              ]}
            />
            <KeysetPager paging={paging} nextCursor={data.nextCursor} loading={query.isFetching} />
          </>
        )}
      </Loadable>
    </Card>
  );
}
