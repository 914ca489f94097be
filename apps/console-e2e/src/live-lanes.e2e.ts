import { DEMO_ENTERPRISE } from './machine';
import { expect, test } from './fixtures';

const lanes = `/e/${DEMO_ENTERPRISE}/lanes`;

test('a gatekeeper signs in and watches a truck arrive live: photo, plate, stage, verdict, barrier', async ({
  page,
  signIn,
  camera,
}) => {
  await page.goto(lanes);
  await expect(page).toHaveURL(/\/login\?returnTo=/);
  await signIn(page, 'enterprise-staff');
  await expect(page).toHaveURL(new RegExp(`${lanes}$`));
  await expect(page.getByTestId('stream-status')).toContainText('实时');

  // A registered 国六 truck at the north entry, pushed after the page connected.
  const pushed = await camera('north-in').arrive({ plate: '皖A00E66' });
  expect(pushed.status).toBe(200);

  const lane = page.getByTestId('lane-north-in');
  await expect(lane.getByLabel(/^皖A00E66 /)).toBeVisible();
  await expect(lane.getByText('国六', { exact: false })).toBeVisible();
  await expect(lane.getByText('放行', { exact: true })).toBeVisible();
  await expect(lane.getByTestId('decision-message')).not.toBeEmpty();
  await expect(lane.getByText('道闸已抬起')).toBeVisible();
  // The snapshot comes from the ledger's link to the stored photo.
  const photo = lane.getByRole('img', { name: '抓拍图片' });
  await expect
    .poll(() => photo.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth), {
      timeout: 20_000,
    })
    .toBeGreaterThan(0);
});

test('a gatekeeper refuses a truck with a reason, and the refusal is what the lane shows', async ({
  page,
  signIn,
  camera,
}) => {
  await signIn(page, 'enterprise-staff');
  await page.goto(lanes);
  await expect(page.getByTestId('stream-status')).toContainText('实时');
  // An unregistered truck: its stage is unknown, it waits at the barrier.
  expect((await camera('east-in').arrive({ plate: '川JK0707' })).status).toBe(200);
  const lane = page.getByTestId('lane-east-in');
  await expect(lane.getByLabel(/^川JK0707 /)).toBeVisible();

  await lane.getByRole('button', { name: '人工拦截' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: '人工拦截' }).click();
  await expect(dialog.getByText('请填写原因')).toBeVisible();
  await dialog.getByLabel('原因（将记录审计日志）').fill('无随车清单，禁止入厂');
  await dialog.getByRole('button', { name: '人工拦截' }).click();
  await expect(page.getByText('已执行：人工拦截')).toBeVisible();

  await expect(lane.getByText('禁止通行')).toBeVisible();
  await expect(lane.getByText(/人工操作：.*（无随车清单，禁止入厂）/)).toBeVisible();

  // The ledger has it, refused by hand with the reason: a filter by plate in the URL finds it.
  await page.getByRole('menu', { name: 'main navigation' }).getByText('运输车辆台账').click();
  await expect(page).toHaveURL(new RegExp(`/e/${DEMO_ENTERPRISE}/passages`));
  await page.getByLabel('车牌号').fill('川JK0707');
  await page.getByRole('button', { name: /查\s*询/ }).click();
  await expect(page).toHaveURL(/plate=%E5%B7%9DJK0707|plate=川JK0707/);
  const row = page.getByRole('row').filter({ has: page.getByLabel(/^川JK0707 /) });
  await expect(row).toHaveCount(1);
  await expect(row.getByText('禁止通行')).toBeVisible();
  await row.getByLabel(/^川JK0707 /).click();
  await expect(page).toHaveURL(new RegExp(`/e/${DEMO_ENTERPRISE}/passages/[0-9a-f-]{36}`));
  await expect(page.getByText('无随车清单，禁止入厂').first()).toBeVisible();
});
