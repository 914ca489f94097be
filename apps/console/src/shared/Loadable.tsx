import { type UseQueryResult } from '@tanstack/react-query';
import { Empty } from 'antd';
import { type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { ErrorResult } from './ErrorResult';
import { PageSkeleton } from './PageSkeleton';

/**
 * The three states every page shows the same way: a skeleton while loading, the service's reason
 * with a retry when it failed, an empty state when there is nothing (`isEmpty`), else the content.
 */
export function Loadable<T>({
  query,
  isEmpty,
  empty,
  children,
}: {
  query: UseQueryResult<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const { t } = useI18n();
  if (query.isPending) return <PageSkeleton />;
  if (query.isError) return <ErrorResult error={query.error} onRetry={() => void query.refetch()} />;
  if (isEmpty?.(query.data)) return <>{empty ?? <Empty description={t('common.empty')} />}</>;
  return <>{children(query.data)}</>;
}
