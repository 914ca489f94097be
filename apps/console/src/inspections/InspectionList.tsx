import { useQuery } from '@tanstack/react-query';
import { Tag, Typography } from 'antd';
import { api, unwrap } from '../api/client';
import { useMessages } from '../i18n/messages';
import { formatInstant } from '../shared/time';
import { InspectionListCard, type ListFilter, progressColumn, statusColumn } from './InspectionListCard';
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
  onFilter: (filter: ListFilter) => void;
  onOpen: (inspectionId: string) => void;
}) {
  const t = useMessages(messages);
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
    <InspectionListCard<InspectionSummary>
      title={t('list.title')}
      emptyText={t('list.none')}
      status={status}
      cursor={cursor}
      onFilter={onFilter}
      query={query}
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
        statusColumn(t),
        progressColumn(t),
        {
          title: t('windows.title'),
          render: (_, row) =>
            row.scanning > 0 ? (
              <Tag color="processing">{t('list.scanning', { count: row.scanning })}</Tag>
            ) : null,
        },
      ]}
    />
  );
}
