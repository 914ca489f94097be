/**
 * Tests only: what the page tests add to `ops-harness` (the fake gateway and `renderPage`): a
 * signed-in account of any role and enterprise, a person at keyboard and mouse, and time enough
 * for Ant Design's forms in jsdom on a busy machine.
 */
import { configure } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, vi } from 'vitest';
import { type Reply } from './ops-harness';

export { type Call, fakeGateway as mockApi, refusal, renderPage, type Reply } from './ops-harness';

// Pages render Ant Design in jsdom on a shared, busy machine: give them time rather than flake.
configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 30_000 });
afterEach(() => vi.restoreAllMocks());

export const ok = (body: unknown): Reply => ({ status: 200, body });

/** An account as `/auth/me` answers it, with the role (and enterprise) the test needs. */
export const account = (role: string, enterpriseId: string | null = null) => ({
  id: '00000000-0000-4000-8000-000000000001',
  username: role,
  displayName: `Test ${role}`,
  role,
  enterpriseId,
  districts: [],
  disabled: false,
  locked: false,
  totpEnabled: false,
  mustChangePassword: false,
  singleSignOn: false,
  pendingActions: [],
  enterprises: enterpriseId ? [enterpriseId] : role === 'inspector' ? [] : '*',
});

/** A person at the keyboard and mouse; Ant Design's hidden inputs take clicks through their labels. */
export const person = () => userEvent.setup({ pointerEventsCheck: 0, delay: null });

/** Types `text` into a field as one paste: Ant Design re-renders its form on every keystroke. */
export async function fill(user: ReturnType<typeof person>, field: HTMLElement, text: string): Promise<void> {
  await user.click(field);
  await user.paste(text);
}
