import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Typography } from 'antd';
import { api, ApiError, unwrap } from '../api/client';
import { useMessages } from '../i18n/messages';
import { daysBefore, startOfLocalDay } from '../shared/time';
import { ROUTES, type Verification } from './inspection-model';
import { messages } from './messages';

/** The instants `verify` takes for local days from…to, `to` included. */
export const verifyPeriod = (from: string, to: string) => ({
  from: startOfLocalDay(from),
  to: startOfLocalDay(daysBefore(to, -1)),
});

function Outcome({ result }: { result: Verification }) {
  const t = useMessages(messages);
  const first = result.first;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {result.ok || !first ? (
        <Alert
          type="success"
          showIcon
          title={t('chain.ok', { entries: result.entries, roots: result.roots })}
        />
      ) : (
        <Alert
          type="error"
          showIcon
          title={`${t('chain.tampered', { count: result.findings.length })} ${t(`finding.${first.kind}`)}`}
          description={first.detail}
        />
      )}
      {result.beforeChain > 0 ? (
        <Typography.Text type="secondary">
          {t('chain.beforeChain', { count: result.beforeChain })}
        </Typography.Text>
      ) : null}
    </Space>
  );
}

/** 台账完整性校验 over local days from…to: ok, or the first finding in words. */
export function ChainCheck({ enterpriseId, from, to }: { enterpriseId: string; from: string; to: string }) {
  const t = useMessages(messages);
  const verify = useMutation({
    mutationFn: () =>
      unwrap(api.GET(ROUTES.verify, { params: { path: { enterpriseId }, query: verifyPeriod(from, to) } })),
  });
  return (
    <Card title={t('chain.title')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('chain.help')}</Typography.Text>
        <Button
          icon={<SafetyCertificateOutlined />}
          loading={verify.isPending}
          onClick={() => verify.mutate()}
        >
          {t('chain.verify')}
        </Button>
        {verify.error ? (
          <Alert
            type="error"
            showIcon
            title={
              verify.error instanceof ApiError
                ? `${verify.error.reason} (${verify.error.code})`
                : String(verify.error)
            }
          />
        ) : null}
        {verify.data ? <Outcome result={verify.data} /> : null}
      </Space>
    </Card>
  );
}
