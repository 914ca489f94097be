import { type Page } from '@playwright/test';
import { DEMO_ENTERPRISE } from './machine';
import { expect, test } from './fixtures';

const E = `/api/ledger/v1/enterprises/${DEMO_ENTERPRISE}`;

/** The page's own session (cookies) and its CSRF token: what a script in the browser could send. */
async function callAsPage(page: Page, method: 'PATCH' | 'PUT' | 'POST', path: string, data: unknown) {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'csrf')?.value ?? '';
  return page.request.fetch(path, { method, headers: { 'x-csrf-token': csrf }, data });
}

test('an inspector sees the lanes without controls, and the edit APIs refuse them (403)', async ({
  page,
  signIn,
  camera,
  request,
}) => {
  await signIn(page, 'inspector');
  await page.goto(`/e/${DEMO_ENTERPRISE}/lanes`);
  await expect(page.getByTestId('stream-status')).toContainText('实时');
  expect((await camera('north-in').arrive({ plate: '皖A06S56' })).status).toBe(200);
  const lane = page.getByTestId('lane-north-in');
  await expect(lane.getByLabel(/^皖A06S56 /)).toBeVisible();
  await expect(page.getByRole('button', { name: '人工放行' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '人工拦截' })).toHaveCount(0);

  // The menu offers reading, never the city administrator's or the enterprise's own tools.
  const menu = page.getByRole('menu', { name: 'main navigation' });
  await expect(menu.getByText('运输车辆台账')).toBeVisible();
  await expect(menu.getByText('用户与角色')).toHaveCount(0);
  await expect(menu.getByText('企业账号')).toHaveCount(0);

  // Calling the edit APIs directly, with the inspector's own session, is refused by the services.
  const passages = await page.request.get(`${E}/passages?limit=1`);
  expect(passages.status()).toBe(200);
  const [passage] = ((await passages.json()) as { items: { id: string; revision: number }[] }).items;
  expect(passage).toBeDefined();
  const complete = await callAsPage(page, 'PATCH', `${E}/passages/${passage!.id}`, {
    expectedRevision: passage!.revision,
    cargo: { name: '铁矿石', tonnes: 30 },
  });
  expect(complete.status()).toBe(403);
  expect(((await complete.json()) as { code: string }).code).toBe('forbidden');
  const alert = await callAsPage(page, 'PUT', `${E}/alert-level`, { level: 'red', reason: '检查' });
  expect(alert.status()).toBe(403);
  const release = await callAsPage(
    page,
    'POST',
    `/api/barrier-control/v1/enterprises/${DEMO_ENTERPRISE}/lanes/north-in/manual`,
    { action: 'release', reason: '检查' },
  );
  expect(release.status()).toBe(403);

  // Without the session nothing is answered at all.
  expect((await request.get(`${E}/passages?limit=1`)).status()).toBe(401);
});
