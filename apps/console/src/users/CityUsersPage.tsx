import { UserAdmin } from './UserAdmin';

const CITY = { kind: 'city' } as const;

/** `/users`: every account (city administrator). */
export default function CityUsersPage() {
  return <UserAdmin scope={CITY} />;
}
