import { useMemo } from 'react';
import { useParams } from 'react-router-dom';
import { UserAdmin } from './UserAdmin';

/** `/e/:enterpriseId/users`: that enterprise's accounts (its administrator, or the city administrator). */
export default function EnterpriseUsersPage() {
  const { enterpriseId = '' } = useParams();
  const scope = useMemo(() => ({ kind: 'enterprise', enterpriseId }) as const, [enterpriseId]);
  return <UserAdmin scope={scope} />;
}
