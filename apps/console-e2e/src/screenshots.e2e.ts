import { join } from 'node:path';
import { type Page } from '@playwright/test';
import { DEMO_ENTERPRISE, REPO_ROOT } from './machine';
import { expect, test } from './fixtures';

// Every page as its people see it, for docs/console.md: `npm run docs:console` writes them to
// docs/console/; a plain run writes them beside the test results (and still checks each page
// rendered without an error).
const DIR = process.env['ECOGATE_CONSOLE_SCREENSHOTS'];
const E = `/e/${DEMO_ENTERPRISE}`;

async function shoot(page: Page, name: string): Promise<void> {
  // Skeletons gone, no error page: what a person would look at.
  await expect(page.locator('.ant-skeleton')).toHaveCount(0);
  await expect(page.locator('.ant-result-error')).toHaveCount(0);
  await page.waitForLoadState('networkidle');
  // Photos come through a redirect to a signed link: wait until each has loaded (or failed).
  await expect
    .poll(() =>
      page
        .locator('img')
        .evaluateAll((imgs) => imgs.every((img) => (img as unknown as { complete: boolean }).complete)),
    )
    .toBe(true);
  const path = DIR ? join(REPO_ROOT, DIR, `${name}.png`) : test.info().outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
}

test('every page, for the documentation', async ({ page, signIn, camera }) => {
  test.setTimeout(300_000);
  await page.goto('/login');
  await shoot(page, 'login');

  // A morning at the gate: trucks in at both gates, one out, one nobody registered.
  await signIn(page, 'enterprise-admin');
  await page.goto(`${E}/lanes`);
  await expect(page.getByTestId('stream-status')).toContainText('实时');
  for (const [lane, plate] of [
    ['north-in', '皖A0T999'],
    ['east-in', '皖A27E73'],
    ['north-out', '皖A00E66'],
    ['east-out', '浙A6MX97'],
    ['north-in', '川JK0707'],
  ] as const)
    expect((await camera(lane).arrive({ plate })).status).toBe(200);
  await expect(page.getByTestId('lane-north-in').getByLabel(/^川JK0707 /)).toBeVisible();
  await expect(page.getByTestId('lane-east-out').getByLabel(/^浙A6MX97 /)).toBeVisible();
  await shoot(page, 'live-lanes');

  for (const [path, name] of [
    ['review', 'review'],
    ['passages', 'passages'],
    ['vehicle-reviews', 'vehicle-reviews'],
    ['in-plant', 'in-plant'],
    ['machinery', 'machinery'],
    ['exports', 'exports'],
    ['loading-area-anomalies', 'loading-area-anomalies'],
    ['loading-area-sightings', 'loading-area-sightings'],
    ['statistics', 'statistics'],
    ['alert', 'alert-level'],
    ['plan', 'emergency-plan'],
    ['devices', 'devices'],
    ['outages', 'outages'],
    ['video', 'video'],
    ['upload', 'upload'],
    ['users', 'users'],
  ] as const) {
    await page.goto(`${E}/${path}`);
    await shoot(page, name);
  }

  await page.goto(`${E}/passages`);
  await page
    .getByRole('row')
    .filter({ has: page.getByLabel(/^皖A0T999 /) })
    .first()
    .getByLabel(/^皖A0T999 /)
    .click();
  await expect(page).toHaveURL(/\/passages\/[0-9a-f-]{36}/);
  await shoot(page, 'passage');

  await page.getByRole('button', { name: 'English' }).click();
  await page.goto(`${E}/passages`);
  await shoot(page, 'passages-en');
  await page.getByRole('button', { name: '中文' }).click();
});

test('the city pages, for the documentation', async ({ page, signIn }) => {
  await signIn(page, 'city-admin');
  await page.goto('/enterprises');
  await shoot(page, 'enterprises');
  await page.goto('/users');
  await shoot(page, 'city-users');
  await page.goto(`${E}/statistics`);
  await shoot(page, 'city-statistics');
});
