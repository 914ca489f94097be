import { type UseQueryResult } from '@tanstack/react-query';
import { Card, Radio, Table, Tag, Typography } from 'antd';
import { type ColumnsType } from 'antd/es/table';
import { type FeatureTranslate, useMessages } from '../i18n/messages';
import { KeysetPager } from '../shared/KeysetPager';
import { useKeysetPaging } from '../shared/keyset';
import { Loadable } from '../shared/Loadable';
import { messages } from './messages';
import { type ListStatus } from './window-scan-model';

/** What every list of inspections shows of a row, whoever's list it is. */
interface InspectionRow {
  readonly id: string;
  readonly status: 'open' | 'closed';
  readonly marked: number;
  readonly passages: number;
  readonly windows: number;
  readonly inconsistent: number;
}

export type ListFilter = { listStatus?: ListStatus | undefined; cursor?: string | undefined };

/**
 * A page of inspections, newest first, with the status filter and keyset paging that live in the
 * caller's URL; the caller brings the query and its columns (`statusColumn`, `progressColumn`).
 */
export function InspectionListCard<Row extends InspectionRow>({
  title,
  emptyText,
  status,
  cursor,
  onFilter,
  query,
  columns,
}: {
  title: string;
  emptyText: string;
  status: ListStatus | undefined;
  cursor: string | undefined;
  onFilter: (filter: ListFilter) => void;
  query: UseQueryResult<{ items: Row[]; nextCursor: string | null }>;
  columns: ColumnsType<Row>;
}) {
  const t = useMessages(messages);
  const paging = useKeysetPaging(
    cursor,
    (next) => onFilter({ listStatus: status, cursor: next }),
    status ?? '',
  );
  return (
    <Card
      title={title}
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
        empty={<Typography.Text type="secondary">{emptyText}</Typography.Text>}
      >
        {(data) => (
          <>
            <Table<Row>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={data.items}
              columns={columns}
            />
            <KeysetPager paging={paging} nextCursor={data.nextCursor} loading={query.isFetching} />
          </>
        )}
      </Loadable>
    </Card>
  );
}

type Translate = FeatureTranslate<typeof messages>;

export const statusColumn = <Row extends InspectionRow>(t: Translate): ColumnsType<Row>[number] => ({
  title: t('inspection.status'),
  render: (_, row) => (
    <Tag color={row.status === 'open' ? 'processing' : 'default'}>{t(`status.${row.status}`)}</Tag>
  ),
});

export const progressColumn = <Row extends InspectionRow>(t: Translate): ColumnsType<Row>[number] => ({
  title: t('list.progress'),
  render: (_, row) =>
    t('list.marked', {
      marked: row.marked,
      total: row.passages + row.windows,
      inconsistent: row.inconsistent,
    }),
});
