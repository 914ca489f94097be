import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import {
  Button,
  Card,
  Descriptions,
  type DescriptionsProps,
  Drawer,
  Table,
  type TableColumnsType,
} from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { MissingFields } from '../passages/fields';
import { CompletenessBar } from '../passages/passage-cells';
import { ErrorResult } from './ErrorResult';
import { Loadable } from './Loadable';
import { PageSkeleton } from './PageSkeleton';
import { filterRegistry, pageOf, REGISTRY_PAGE_SIZE, REGISTRY_URL_KEYS, type RegistryRow } from './registry';
import { RegistryFilters } from './RegistryFilters';
import { formatInstant } from './time';
import { useUrlState } from './url-state';
import { StageTag } from './vehicle-tags';

/**
 * The page of a registry ledger (厂内车辆 B, 非道路移动机械 C): filters and pager in the URL, a
 * table whose row opens a drawer read fresh from the ledger, and the add/edit form where the role
 * may write. Each ledger gives only its own columns, detail fields and form.
 */
export interface RegistryRecord extends RegistryRow {
  readonly id: string;
  readonly stageSource?: string | null;
  readonly missingFields: readonly string[];
  readonly updatedAt: string;
}

/** The words a registry page takes from its feature's messages. */
export type RegistryWord =
  'title' | 'add' | 'search' | 'count' | 'detail' | 'edit' | 'stage' | 'completeness' | 'missing' | 'updated';
export type RegistryTranslate = (key: RegistryWord, values?: Record<string, string | number>) => string;

type DetailItems = NonNullable<DescriptionsProps['items']>;

/** The stage cell both ledgers show, in the table and in the drawer. */
export const stageOf = (row: RegistryRecord) => (
  <StageTag stage={row.emissionStage} source={row.stageSource} />
);

function RegistryDrawer<R extends RegistryRecord>({
  t,
  id,
  size,
  load,
  items,
  canEdit,
  onEdit,
  onClose,
}: {
  t: RegistryTranslate;
  id: string;
  size: number;
  load: { queryKey: readonly unknown[]; queryFn: () => Promise<R> };
  items: (row: R) => DetailItems;
  canEdit: boolean;
  onEdit: (row: R) => void;
  onClose: () => void;
}) {
  const query = useQuery(load);
  return (
    <Drawer
      open
      size={size}
      title={`${t('detail')} · ${id}`}
      onClose={onClose}
      extra={
        canEdit && query.data ? (
          <Button icon={<EditOutlined />} onClick={() => query.data && onEdit(query.data)}>
            {t('edit')}
          </Button>
        ) : null
      }
    >
      {query.isPending ? (
        <PageSkeleton />
      ) : query.isError ? (
        <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Descriptions
          column={1}
          size="small"
          bordered
          items={[
            ...items(query.data),
            {
              key: 'completeness',
              label: t('completeness'),
              children: (
                <CompletenessBar value={query.data.completeness} missing={query.data.missingFields} />
              ),
            },
            {
              key: 'missing',
              label: t('missing'),
              children: <MissingFields fields={query.data.missingFields} />,
            },
            { key: 'updated', label: t('updated'), children: formatInstant(query.data.updatedAt) },
          ]}
        />
      )}
    </Drawer>
  );
}

export function RegistryPage<R extends RegistryRecord>({
  t,
  canEdit,
  list,
  search,
  columns,
  idOf,
  detail,
  form,
}: {
  t: RegistryTranslate;
  canEdit: boolean;
  list: UseQueryResult<R[]>;
  /** What the search box matches in a row. */
  search: (row: R) => readonly (string | null | undefined)[];
  /** The ledger's own columns; completeness follows them. */
  columns: TableColumnsType<R>;
  /** The row's key in the ledger's URL (`open`). */
  idOf: (row: R) => string;
  detail: {
    size: number;
    load: (id: string) => { queryKey: readonly unknown[]; queryFn: () => Promise<R> };
    /** The ledger's own fields; completeness, missing fields and the last update follow them. */
    items: (row: R) => DetailItems;
  };
  /** The add (no row) or edit form; it closes with the row it saved, if any. */
  form: (row: R | undefined, onClose: (saved?: R) => void) => ReactNode;
}) {
  const [url, setUrl] = useUrlState(REGISTRY_URL_KEYS);
  const [editing, setEditing] = useState<{ row?: R } | null>(null);
  const rows = useMemo(() => filterRegistry(list.data ?? [], url, search), [list.data, url, search]);
  const allColumns: TableColumnsType<R> = [
    ...columns,
    {
      key: 'completeness',
      title: t('completeness'),
      width: 150,
      render: (_, row) => <CompletenessBar value={row.completeness} missing={row.missingFields} />,
    },
  ];
  return (
    <Card
      title={t('title')}
      extra={
        canEdit ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
            {t('add')}
          </Button>
        ) : null
      }
    >
      <RegistryFilters url={url} onChange={setUrl} searchPlaceholder={t('search')} />
      <Loadable query={list} isEmpty={(all) => all.length === 0}>
        {() => (
          <Table<R>
            rowKey="id"
            size="middle"
            columns={allColumns}
            dataSource={rows}
            scroll={{ x: 900 }}
            pagination={{
              current: pageOf(url, rows.length),
              pageSize: REGISTRY_PAGE_SIZE,
              total: rows.length,
              showSizeChanger: false,
              showTotal: (count) => t('count', { count }),
              onChange: (page) => setUrl({ page: page > 1 ? String(page) : undefined }),
            }}
            onRow={(row) => ({ onClick: () => setUrl({ open: idOf(row) }), style: { cursor: 'pointer' } })}
          />
        )}
      </Loadable>
      {url.open ? (
        <RegistryDrawer<R>
          t={t}
          id={url.open}
          size={detail.size}
          load={detail.load(url.open)}
          items={detail.items}
          canEdit={canEdit}
          onEdit={(row) => setEditing({ row })}
          onClose={() => setUrl({ open: undefined })}
        />
      ) : null}
      {editing
        ? form(editing.row, (saved) => {
            setEditing(null);
            if (saved) setUrl({ open: idOf(saved) });
          })
        : null}
    </Card>
  );
}
