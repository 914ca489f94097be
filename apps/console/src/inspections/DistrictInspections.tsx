import { useQuery } from '@tanstack/react-query';
import { Tag } from 'antd';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { type paths } from '../api/generated/schema';
import { useMessages } from '../i18n/messages';
import { formatInstant } from '../shared/time';
import { InspectionListCard, type ListFilter, progressColumn, statusColumn } from './InspectionListCard';
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
  onFilter: (filter: ListFilter) => void;
}) {
  const t = useMessages(messages);
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
    <InspectionListCard<DistrictInspection>
      title={t('district.title')}
      emptyText={t('district.none')}
      status={status}
      cursor={cursor}
      onFilter={onFilter}
      query={query}
      columns={[
        {
          title: t('district.enterprise'),
          render: (_, row) => <Link to={inspectionLink(row)}>{row.enterpriseName ?? row.enterpriseId}</Link>,
        },
        { title: t('inspection.period'), render: (_, row) => `${row.from} – ${row.to}` },
        statusColumn(t),
        {
          title: t('district.inconsistent'),
          render: (_, row) =>
            row.inconsistent > 0 ? <Tag color="error">{row.inconsistent}</Tag> : row.inconsistent,
        },
        progressColumn(t),
        { title: t('inspection.at'), render: (_, row) => formatInstant(row.createdAt) },
      ]}
    />
  );
}
