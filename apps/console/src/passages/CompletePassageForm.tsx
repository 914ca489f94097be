import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, InputNumber, Space } from 'antd';
import { useState } from 'react';
import { api, ApiError, unwrap } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useMessages } from '../i18n/messages';
import { completionBody, type CompletionValues } from './completion';
import { messages } from './messages';
import { type Passage, type PassageCompletion, PASSAGES_KEY } from './types';

/** A clerk completes cargo and fleet, optimistic on the revision they saw; a conflict says why. */
export function CompletePassageForm({
  enterpriseId,
  passage,
  onReload,
}: {
  enterpriseId: string;
  passage: Passage;
  onReload: () => void;
}) {
  const t = useMessages(messages);
  const { t: common } = useI18n();
  const { message } = App.useApp();
  const queries = useQueryClient();
  const [form] = Form.useForm<CompletionValues>();
  const [problem, setProblem] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (body: PassageCompletion) =>
      unwrap(
        api.PATCH('/api/ledger/v1/enterprises/{enterpriseId}/passages/{passageId}', {
          params: { path: { enterpriseId, passageId: passage.id } },
          body,
        }),
      ),
    onSuccess: (updated) => {
      setConflict(null);
      queries.setQueryData([PASSAGES_KEY, enterpriseId, 'one', passage.id], updated);
      void queries.invalidateQueries({ queryKey: [PASSAGES_KEY, enterpriseId] });
      void message.success(t('complete.saved', { revision: updated.revision }));
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) setConflict(error.reason);
      else if (error instanceof ApiError) void message.error(`${error.reason} (${error.code})`);
      else void message.error(error.message);
    },
  });
  return (
    <Form<CompletionValues>
      name="complete-passage"
      form={form}
      layout="inline"
      style={{ rowGap: 12 }}
      initialValues={{
        cargoName: passage.cargoName ?? '',
        cargoTonnes: passage.cargoTonnes ?? null,
        fleet: passage.fleet ?? '',
      }}
      onValuesChange={() => setProblem(null)}
      onFinish={(values) => {
        const outcome = completionBody(values, passage.revision);
        if ('problem' in outcome) setProblem(t(outcome.problem));
        else save.mutate(outcome.body);
      }}
    >
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          style={{ width: '100%', marginBottom: 12 }}
          title={t('complete.conflict', { reason: conflict })}
          action={
            <Button
              size="small"
              onClick={() => {
                setConflict(null);
                onReload();
              }}
            >
              {t('complete.reload')}
            </Button>
          }
        />
      ) : null}
      <Form.Item name="cargoName" label={t('detail.cargo')} rules={[{ max: 32 }]}>
        <Input style={{ width: 160 }} maxLength={32} />
      </Form.Item>
      <Form.Item name="cargoTonnes" label={t('detail.tonnes')}>
        <InputNumber min={0} max={999.9} step={0.1} precision={1} style={{ width: 110 }} />
      </Form.Item>
      <Form.Item name="fleet" label={t('detail.fleet')} rules={[{ max: 100 }]}>
        <Input style={{ width: 200 }} maxLength={100} />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {common('common.save')}
          </Button>
        </Space>
      </Form.Item>
      {problem ? (
        <Alert type="error" showIcon style={{ width: '100%', marginTop: 8 }} title={problem} />
      ) : null}
    </Form>
  );
}
