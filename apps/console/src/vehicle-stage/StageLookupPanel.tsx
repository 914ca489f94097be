import { SearchOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Space, Tag, Typography } from 'antd';
import { api, ApiError, unwrap } from '../api/client';
import { useMessages } from '../i18n/messages';
import { allows } from '../session/permissions';
import { useAccount } from '../session/session';
import { formatInstant } from '../shared/time';
import { StageTag } from '../shared/vehicle-tags';
import { lookupKey, STAGE_LOOKUP, type StageLookupView } from './api';
import { reasonOf } from './errors';
import { messages } from './messages';

const STATE_COLOUR: Record<StageLookupView['state'], string> = {
  none: 'default',
  queued: 'processing',
  retrying: 'processing',
  found: 'success',
  'not-found': 'default',
  conflicting: 'warning',
  unauthorized: 'error',
};

/** 503 and 409 in words a person acts on; anything else in the service's own. */
function useLookupError() {
  const t = useMessages(messages);
  return (error: unknown): string =>
    error instanceof ApiError && (error.code === 'stage-lookup-off' || error.code === 'no-lookup-key')
      ? t(`lookup.err.${error.code}`)
      : reasonOf(error);
}

/** The lookup's answer: the stage found, or the records that contradict each other. */
function Answer({ lookup }: { lookup: StageLookupView }) {
  const t = useMessages(messages);
  const answer = lookup.answer;
  if (!answer) return <>—</>;
  const when = `${formatInstant(lookup.answeredAt ?? answer.answeredAt)}${lookup.fromCache ? ` ${t('lookup.fromCache')}` : ''}`;
  if (answer.result === 'found')
    return (
      <Space size={4} wrap>
        <StageTag stage={answer.record.stage} source="platform-query" />
        <Typography.Text type="secondary">{when}</Typography.Text>
      </Space>
    );
  if (answer.result === 'conflict')
    return (
      <Space orientation="vertical" size={2}>
        <Typography.Text type="warning">
          {t('lookup.conflicting')} · {when}
        </Typography.Text>
        {answer.records.map((record) => (
          <Space key={record.recordId} size={4}>
            <StageTag stage={record.stage} />
            <Typography.Text code>{record.recordId}</Typography.Text>
            <Typography.Text type="secondary">{formatInstant(record.updatedAt)}</Typography.Text>
          </Space>
        ))}
      </Space>
    );
  return (
    <Space size={4}>
      {t('lookup.state.not-found')}
      <Typography.Text type="secondary">{when}</Typography.Text>
    </Space>
  );
}

/** Where the vehicle's stage lookup stands, and 「查询排放阶段」 for the roles that may spend the city's quota. */
export function StageLookupPanel({
  enterpriseId,
  plate,
  lookup,
}: {
  enterpriseId: string;
  plate: string;
  lookup: StageLookupView;
}) {
  const t = useMessages(messages);
  const { message } = App.useApp();
  const account = useAccount();
  const queries = useQueryClient();
  const wordError = useLookupError();
  const canAsk = allows(account.role, 'POST', STAGE_LOOKUP);
  const ask = useMutation({
    mutationFn: () => unwrap(api.POST(STAGE_LOOKUP, { params: { path: { enterpriseId, plate } } })),
    onSuccess: (view) => {
      void message.success(t('lookup.asked'));
      queries.setQueryData(lookupKey(enterpriseId, plate), view);
    },
  });
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      {!lookup.enabled ? <Alert type="info" showIcon title={t('lookup.off')} /> : null}
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          {
            key: 'state',
            label: t('lookup.state'),
            children: <Tag color={STATE_COLOUR[lookup.state]}>{t(`lookup.state.${lookup.state}`)}</Tag>,
          },
          {
            key: 'key',
            label: t('lookup.key'),
            children: lookup.key ? (
              <Space size={4}>
                {t(`lookup.key.${lookup.key.kind}`)}
                <Typography.Text code>{lookup.key.value}</Typography.Text>
              </Space>
            ) : (
              '—'
            ),
          },
          { key: 'answer', label: t('lookup.answer'), children: <Answer lookup={lookup} /> },
          ...(lookup.error ? [{ key: 'error', label: t('lookup.error'), children: lookup.error }] : []),
        ]}
      />
      {canAsk ? (
        <Space wrap>
          <Button size="small" icon={<SearchOutlined />} loading={ask.isPending} onClick={() => ask.mutate()}>
            {t('lookup.ask')}
          </Button>
          {ask.isError ? <Typography.Text type="danger">{wordError(ask.error)}</Typography.Text> : null}
        </Space>
      ) : null}
    </Space>
  );
}
