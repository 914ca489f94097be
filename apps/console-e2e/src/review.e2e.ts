import { DEMO_ENTERPRISE } from './machine';
import { expect, test } from './fixtures';

test('a gatekeeper confirms a review item with the stage from the documents: the passage gets a new revision', async ({
  page,
  signIn,
  camera,
}) => {
  await signIn(page, 'enterprise-staff');
  // A truck nobody registered: its emission stage is unknown, so a person has to look at it.
  expect((await camera('north-in').arrive({ plate: '皖A2G119' })).status).toBe(200);

  await page.goto(`/e/${DEMO_ENTERPRISE}/review`);
  const item = page.locator('[data-testid^="review-item-"]').filter({ has: page.getByLabel(/^皖A2G119 /) });
  // The ledger records it a moment after the camera's push: the queue shows it once it is there.
  await expect(async () => {
    await page.reload();
    await expect(item).toHaveCount(1, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  const passageId = (await item.getAttribute('data-testid'))?.replace('review-item-', '') ?? '';
  expect(passageId).toMatch(/^[0-9a-f-]{36}$/);

  const form = item.getByRole('form', { name: 'review 皖A2G119' });
  await form.getByLabel('排放阶段').click();
  await page.locator('.ant-select-item-option').getByText('国五', { exact: true }).click();
  await form.getByLabel('备注').fill('随车清单核对为国五');
  await form.getByRole('button', { name: /确认无误|提交更正/ }).click();
  await page
    .getByRole('tooltip')
    .getByRole('button', { name: /确\s*定|OK/ })
    .click();
  await expect(page.getByText(/已处理：皖A2G119（版本 \d+）/)).toBeVisible();
  await expect(item).toHaveCount(0);

  // The passage now carries the confirmed stage in a new revision.
  await page.goto(`/e/${DEMO_ENTERPRISE}/passages/${passageId}`);
  await expect(page.getByText('国五').first()).toBeVisible();
  await expect(page.getByText('随车清单核对为国五').first()).toBeVisible();
  const revision = page.locator('.ant-descriptions-item').filter({ hasText: '版本' });
  await expect(revision).toContainText(/[2-9]/);
});
