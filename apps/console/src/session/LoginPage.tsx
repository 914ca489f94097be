import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { api, ApiError, unwrap } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { SESSION_KEY, useSession } from './session';

interface Credentials {
  readonly username: string;
  readonly password: string;
  readonly totpCode?: string;
}

/** Only same-site paths: a crafted `returnTo` must not send a person elsewhere after signing in. */
export const safeReturnTo = (value: string | null): string =>
  value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';

export function LoginPage() {
  const { t, language, setLanguage } = useI18n();
  const session = useSession();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<ApiError | null>(null);
  const [needsTotp, setNeedsTotp] = useState(false);
  const [busy, setBusy] = useState(false);
  const returnTo = safeReturnTo(params.get('returnTo'));

  if (session.state === 'signed-in') return <Navigate to={returnTo} replace />;

  const submit = async (values: Credentials) => {
    setBusy(true);
    setError(null);
    try {
      const account = await unwrap(api.POST('/auth/login', { body: values }));
      queries.setQueryData(SESSION_KEY, account);
      void navigate(returnTo, { replace: true });
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'totp-required') setNeedsTotp(true);
      setError(failure instanceof ApiError ? failure : new ApiError(0, 'network', String(failure)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(160deg, #e8f3ee 0%, #f5f7fa 60%)',
      }}
    >
      <Card style={{ width: 380 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('app.title')}
        </Typography.Title>
        {error ? (
          <Alert
            type="error"
            showIcon
            title={`${error.reason} (${error.code})`}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <Form<Credentials> layout="vertical" onFinish={(values) => void submit(values)} disabled={busy}>
          <Form.Item name="username" label={t('session.username')} rules={[{ required: true }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('session.password')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {needsTotp ? (
            <Form.Item name="totpCode" label={t('session.totp')} rules={[{ required: true, len: 6 }]}>
              <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
            </Form.Item>
          ) : null}
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('session.login')}
          </Button>
        </Form>
        <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: 16 }}>
          <Button type="link" href={`/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`}>
            {t('session.sso')}
          </Button>
          <Button type="link" onClick={() => setLanguage(language === 'en' ? 'zh-CN' : 'en')}>
            {t('session.language')}
          </Button>
        </div>
      </Card>
    </div>
  );
}
