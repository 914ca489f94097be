import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { api, ApiError, unwrap } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { SESSION_KEY } from './session';

interface Change {
  readonly currentPassword: string;
  readonly newPassword: string;
}

/** Asked before anything else on a first sign-in, after a reset, or past the password's age. */
export function ChangePasswordPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queries = useQueryClient();
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (values: Change) => {
    try {
      await unwrap(api.POST('/auth/password', { body: values }));
      void message.success(t('session.passwordChanged'));
      await queries.invalidateQueries({ queryKey: SESSION_KEY });
    } catch (failure) {
      setError(failure instanceof ApiError ? failure : new ApiError(0, 'network', String(failure)));
    }
  };
  return (
    <div style={{ display: 'flex', justifyContent: 'center', paddingTop: 80 }}>
      <Card title={t('session.changePassword')} style={{ width: 420 }}>
        <Alert type="info" showIcon title={t('session.mustChangePassword')} style={{ marginBottom: 16 }} />
        {error ? <Alert type="error" showIcon title={error.reason} style={{ marginBottom: 16 }} /> : null}
        <Form<Change> layout="vertical" onFinish={(values) => void submit(values)}>
          <Form.Item name="currentPassword" label={t('session.currentPassword')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('session.newPassword')}
            rules={[{ required: true, min: 10 }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block>
            {t('common.save')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
