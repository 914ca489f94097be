import { ALERT_LEVEL_LABELS, ALERT_LEVELS, type AlertLevel } from '@ecogate/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { api, ApiError, unwrap } from '../api/client';
import { type paths } from '../api/generated/schema';
import { useMessages } from '../i18n/messages';
import { allows } from '../session/permissions';
import { useAccount } from '../session/session';
import { Loadable } from '../shared/Loadable';
import { formatInstant } from '../shared/time';
import { messages, useLocalised } from './messages';

const ROUTE = '/api/ledger/v1/enterprises/{enterpriseId}/alert-level';
type SetAlertLevel = paths[typeof ROUTE]['put']['requestBody']['content']['application/json'];

export const LEVEL_COLOUR: Record<AlertLevel, string> = {
  none: 'default',
  blue: 'blue',
  yellow: 'gold',
  orange: 'orange',
  red: 'red',
};

/** 预警等级: the level in force and why; the city administrator sets it from the authority's notice. */
export default function AlertLevelPage() {
  const t = useMessages(messages);
  const L = useLocalised();
  const { modal, message } = App.useApp();
  const { enterpriseId = '' } = useParams();
  const account = useAccount();
  const queries = useQueryClient();
  const canSet = allows(account.role, 'PUT', ROUTE);
  const [form] = Form.useForm<{ level: AlertLevel; reason: string }>();
  const [refusal, setRefusal] = useState<ApiError | null>(null);

  const key = ['alert-level', enterpriseId];
  const current = useQuery({
    queryKey: key,
    queryFn: () => unwrap(api.GET(ROUTE, { params: { path: { enterpriseId } } })),
  });
  const set = useMutation({
    mutationFn: (body: SetAlertLevel) => unwrap(api.PUT(ROUTE, { params: { path: { enterpriseId } }, body })),
    onSuccess: async () => {
      form.resetFields();
      void message.success(t('alert.saved'));
      await queries.invalidateQueries({ queryKey: key });
    },
    onError: (error) =>
      setRefusal(error instanceof ApiError ? error : new ApiError(0, 'network', String(error))),
  });

  const confirm = ({ level, reason }: { level: AlertLevel; reason: string }) => {
    setRefusal(null);
    const from = current.data?.level ?? 'none';
    modal.confirm({
      title: t('alert.confirmTitle'),
      content: t('alert.confirmBody', {
        from: L(ALERT_LEVEL_LABELS[from]),
        to: L(ALERT_LEVEL_LABELS[level]),
      }),
      okButtonProps: { danger: level === 'red' || level === 'orange' },
      onOk: () => set.mutateAsync({ level, reason: reason.trim() }).catch(() => undefined),
    });
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Card title={t('alert.current')}>
        <Loadable query={current}>
          {(view) => (
            <Descriptions column={1}>
              <Descriptions.Item label={t('alert.level')}>
                <Tag
                  color={LEVEL_COLOUR[view.level]}
                  style={{ fontSize: 16, padding: '4px 12px' }}
                  data-testid="alert-level"
                >
                  {L(ALERT_LEVEL_LABELS[view.level])}
                </Tag>
              </Descriptions.Item>
              {view.setAt ? (
                <>
                  <Descriptions.Item label={t('alert.reason')}>{view.reason ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('alert.setBy')}>{view.setBy ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('alert.setAt')}>{formatInstant(view.setAt)}</Descriptions.Item>
                </>
              ) : (
                <Descriptions.Item label={t('alert.reason')}>{t('alert.neverSet')}</Descriptions.Item>
              )}
            </Descriptions>
          )}
        </Loadable>
      </Card>
      {canSet ? (
        <Card title={t('alert.change')}>
          <Form form={form} layout="vertical" onFinish={confirm} style={{ maxWidth: 640 }}>
            <Form.Item
              name="level"
              label={t('alert.level')}
              rules={[{ required: true, message: t('alert.level') }]}
            >
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={ALERT_LEVELS.map((level) => ({ value: level, label: L(ALERT_LEVEL_LABELS[level]) }))}
              />
            </Form.Item>
            <Form.Item
              name="reason"
              label={t('alert.reason')}
              extra={t('alert.reasonHelp')}
              rules={[{ required: true, whitespace: true, message: t('alert.reasonRequired') }]}
            >
              <Input.TextArea maxLength={200} showCount rows={2} />
            </Form.Item>
            {refusal ? (
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 16 }}
                title={`${refusal.reason} (${refusal.code})`}
              />
            ) : null}
            <Button type="primary" htmlType="submit" loading={set.isPending}>
              {t('alert.change')}
            </Button>
          </Form>
        </Card>
      ) : (
        <Typography.Text type="secondary">{t('alert.readOnly')}</Typography.Text>
      )}
    </Space>
  );
}
