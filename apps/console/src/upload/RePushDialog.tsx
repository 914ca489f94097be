import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, Modal, Typography } from 'antd';
import { type Dayjs } from 'dayjs';
import { api, ApiError, unwrap } from '../api/client';
import { useMessages } from '../i18n/messages';
import { fromPicker } from '../shared/zoned-picker';
import { messages } from './messages';
import { RE_PUSH_ONE, RE_PUSH_RANGE, rePushReason } from './upload-data';

/** One record by its serial, or every record captured in a period. */
export type RePushTarget = { readonly serial: string } | { readonly range: true };

interface Values {
  window?: [Dayjs | null, Dayjs | null] | null;
  reason?: string;
}

/**
 * The confirmation of a 补传: says what will be sent again, asks why (required: the service keeps
 * it with the audit row), then queues it and tells how many records went back in the queue.
 */
export function RePushDialog({
  enterpriseId,
  target,
  onClose,
}: {
  enterpriseId: string;
  target: RePushTarget;
  onClose: () => void;
}) {
  const t = useMessages(messages);
  const { message } = App.useApp();
  const queries = useQueryClient();
  const [form] = Form.useForm<Values>();
  const rePush = useMutation({
    mutationFn: (request: { reason: string; capturedFrom?: string; capturedTo?: string }) =>
      'serial' in target
        ? unwrap(
            api.POST(RE_PUSH_ONE, {
              params: { path: { enterpriseId, serial: target.serial } },
              body: { reason: request.reason },
            }),
          )
        : unwrap(
            api.POST(RE_PUSH_RANGE, {
              params: { path: { enterpriseId } },
              body: {
                capturedFrom: request.capturedFrom ?? '',
                capturedTo: request.capturedTo ?? '',
                reason: request.reason,
              },
            }),
          ),
    onSuccess: async ({ queued }) => {
      await queries.invalidateQueries({ queryKey: ['upload', enterpriseId] });
      void message.success(t('rePush.done', { queued }));
      onClose();
    },
  });
  const submit = (values: Values) => {
    const reason = rePushReason(values.reason);
    const [from, to] = values.window ?? [];
    const windowProblem =
      'serial' in target ? undefined : !from || !to ? 'missing' : !to.isAfter(from) ? 'order' : undefined;
    form.setFields([
      { name: 'reason', errors: 'problem' in reason ? [t(`rePush.reason.${reason.problem}`)] : [] },
      { name: 'window', errors: windowProblem ? [t(`rePush.window.${windowProblem}`)] : [] },
    ]);
    if ('problem' in reason || windowProblem) return;
    rePush.mutate({
      reason: reason.reason,
      ...(from && to ? { capturedFrom: fromPicker(from), capturedTo: fromPicker(to) } : {}),
    });
  };
  const refused = rePush.error instanceof ApiError ? rePush.error : null;

  return (
    <Modal
      open
      title={'serial' in target ? t('rePush.one.title', { serial: target.serial }) : t('rePush.range.title')}
      okText={t('rePush')}
      okButtonProps={{ danger: true }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={rePush.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {t('serial' in target ? 'rePush.one.confirm' : 'rePush.range.confirm')}
      </Typography.Paragraph>
      {rePush.error ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={refused ? `${refused.reason} (${refused.code})` : String(rePush.error)}
        />
      ) : null}
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        {'serial' in target ? null : (
          <Form.Item name="window" label={t('rePush.window')} required>
            <DatePicker.RangePicker showTime style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('rePush.reason')} required>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
