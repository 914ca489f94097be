import { join } from 'node:path';
import { type Page } from '@playwright/test';
import { DEMO_ENTERPRISE, REPO_ROOT } from './machine';
import { expect, test } from './fixtures';

// 重污染预警监管 during a scripted alert, fed by a simulated camera: the city admin declares a red
// alert, a truck nobody registered (stage unknown) arrives at the gate, barrier control refuses it,
// and the city's view shows the refusal without a reload (the gateway's stream). The level is put
// back afterwards: the other flows expect the enterprise's own verdicts.
const DIR = process.env['ECOGATE_CONSOLE_SCREENSHOTS'];
const LEVEL = `/api/ledger/v1/enterprises/${DEMO_ENTERPRISE}/alert-level`;

async function setLevel(page: Page, level: string): Promise<void> {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'csrf')?.value ?? '';
  const answer = await page.request.fetch(LEVEL, {
    method: 'PUT',
    headers: { 'x-csrf-token': csrf },
    data: { level, reason: '市重污染天气应急指挥部办公室通知' },
  });
  expect(answer.status()).toBe(200);
}

test('the city sees a refusal during a red alert, live', async ({ page, signIn, camera }) => {
  test.setTimeout(180_000);
  await signIn(page, 'city-admin');
  await page.goto('/alert-view');
  await expect(page.getByText('当前没有企业处于橙色或红色预警')).toBeVisible();

  await setLevel(page, 'red');
  try {
    // The stream's next read (every 15 s) brings the enterprise in; no reload.
    const row = page.getByRole('row').filter({ hasText: '红色预警' });
    await expect(row).toBeVisible({ timeout: 45_000 });
    await expect(page.getByText('实时', { exact: true })).toBeVisible();

    expect((await camera('north-in').arrive({ plate: '川Z9A999' })).status).toBe(200);
    // Refused at the gate (unknown stage at red), then pushed within the period.
    await expect(row.getByRole('cell').nth(5)).toHaveText(/^[1-9]/, { timeout: 60_000 });
    await row.locator('.ant-table-row-expand-icon').click();
    await expect(page).toHaveURL(/enterprise=/);
    await expect(page.getByRole('cell', { name: '拦截' }).first()).toBeVisible();
    const path = DIR ? join(REPO_ROOT, DIR, 'alert-view.png') : test.info().outputPath('alert-view.png');
    await page.screenshot({ path, fullPage: true });
  } finally {
    await setLevel(page, 'none');
  }
});
