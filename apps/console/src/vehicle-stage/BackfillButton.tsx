import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Popconfirm, Progress, Space, Typography } from 'antd';
import { api, unwrap } from '../api/client';
import { useMessages } from '../i18n/messages';
import { READS } from './api';
import { reasonOf } from './errors';
import { messages } from './messages';

const POLL_MS = 3_000;

/** A backfill's progress: reads no longer queued, of those it queued (polled until all are done). */
export function BackfillProgress({ enterpriseId, batchId }: { enterpriseId: string; batchId: string }) {
  const t = useMessages(messages);
  const progress = useQuery({
    queryKey: ['vehicle-document-reads', enterpriseId, 'batch', batchId],
    // One item is enough: the progress counts every read of the batch.
    queryFn: () =>
      unwrap(api.GET(READS, { params: { path: { enterpriseId }, query: { batchId, limit: 1 } } })),
    refetchInterval: (query) => {
      const data = query.state.data;
      return !data || data.progress.done < data.progress.total ? POLL_MS : false;
    },
  });
  if (progress.isError) return <Typography.Text type="danger">{reasonOf(progress.error)}</Typography.Text>;
  if (!progress.data) return null;
  const { done, total } = progress.data.progress;
  if (total === 0) return <Typography.Text type="secondary">{t('backfill.nothing')}</Typography.Text>;
  return (
    <Space size={8}>
      <Progress
        type="line"
        size="small"
        style={{ width: 160 }}
        percent={Math.round((done / total) * 100)}
        status={done < total ? 'active' : 'success'}
      />
      <Typography.Text type="secondary">{t('backfill.progress', { done, total })}</Typography.Text>
    </Space>
  );
}

/** 「识别已上传证件」: queue a read of every stored document not read yet; the batch id goes to the URL. */
export function BackfillButton({
  enterpriseId,
  onStarted,
}: {
  enterpriseId: string;
  onStarted: (batchId: string) => void;
}) {
  const t = useMessages(messages);
  const { message } = App.useApp();
  const start = useMutation({
    mutationFn: () => unwrap(api.POST(READS, { params: { path: { enterpriseId } }, body: {} })),
    onSuccess: ({ batchId, queued }) => {
      void message.success(t('backfill.queued', { queued }));
      onStarted(batchId);
    },
    onError: (error) => void message.error(reasonOf(error)),
  });
  return (
    <Popconfirm title={t('backfill.confirm')} onConfirm={() => start.mutate()}>
      <Button loading={start.isPending}>{t('backfill.start')}</Button>
    </Popconfirm>
  );
}
