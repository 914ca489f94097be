import { App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { api, ApiError, unwrap } from '../api/client';
import { useMessages } from '../i18n/messages';
import { messages } from './messages';

type Action = 'release' | 'refuse';

/**
 * Release or refuse the vehicle at a lane by hand: confirmed in a dialog, with a mandatory reason,
 * audited by barrier control. One idempotency key per dialog, so a retried click never acts twice.
 */
export function ManualAction({
  enterpriseId,
  laneId,
  action,
}: {
  enterpriseId: string;
  laneId: string;
  action: Action;
}) {
  const t = useMessages(messages);
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const label = t(action);

  const submit = async ({ reason }: { reason: string }) => {
    setBusy(true);
    try {
      await unwrap(
        api.POST('/api/barrier-control/v1/enterprises/{enterpriseId}/lanes/{laneId}/manual', {
          params: { path: { enterpriseId, laneId }, header: { 'idempotency-key': key } },
          body: { action, reason },
        }),
      );
      void message.success(t('manual.done', { action: label }));
      setOpen(false);
    } catch (error) {
      void message.error(error instanceof ApiError ? `${error.reason} (${error.code})` : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        size="small"
        danger={action === 'refuse'}
        type={action === 'release' ? 'primary' : 'default'}
        onClick={() => {
          form.resetFields();
          setKey(crypto.randomUUID());
          setOpen(true);
        }}
      >
        {label}
      </Button>
      <Modal
        open={open}
        title={t('manual.title', { action: label, lane: laneId })}
        okText={label}
        okButtonProps={{ danger: action === 'refuse', loading: busy }}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(values) => void submit(values)}>
          <Form.Item
            name="reason"
            label={t('manual.reason')}
            rules={[{ required: true, whitespace: true, message: t('manual.reasonRequired') }, { max: 200 }]}
          >
            <Input.TextArea rows={3} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
