import { Button, Result } from 'antd';
import { Navigate, Outlet, useNavigate, useParams } from 'react-router-dom';
import { useI18n } from '../i18n/i18n';
import { isCityRole } from '../session/permissions';
import { useAccount } from '../session/session';

/** Where a person lands: a gate's staff on the live lanes, city roles on the directory. */
export function HomeRedirect() {
  const account = useAccount();
  if (account.enterpriseId) return <Navigate to={`/e/${account.enterpriseId}/lanes`} replace />;
  return <Navigate to="/enterprises" replace />;
}

/** An enterprise person sees only their own enterprise; a city role any the gateway admits. */
export function EnterpriseOutlet() {
  const account = useAccount();
  const { enterpriseId } = useParams();
  if (!isCityRole(account.role) && account.enterpriseId && enterpriseId !== account.enterpriseId)
    return <Navigate to={`/e/${account.enterpriseId}/lanes`} replace />;
  return <Outlet key={enterpriseId} />;
}

export function NotFound() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('common.notFound')}
      extra={<Button onClick={() => void navigate('/')}>{t('common.close')}</Button>}
    />
  );
}
