import { Button, Result } from 'antd';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';

/** A failed load, with the service's own reason (its `code` and `reason`) and a way to try again. */
export function ErrorResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const forbidden = error instanceof ApiError && error.status === 403;
  return (
    <Result
      status={forbidden ? '403' : 'error'}
      title={forbidden ? t('common.forbidden') : t('common.error')}
      subTitle={
        error instanceof ApiError
          ? `${error.reason} (${error.code})`
          : String((error as Error)?.message ?? error)
      }
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
