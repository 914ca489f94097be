import { TRANSPORT_EXPORT_TITLES } from '@ecogate/domain';
import { type APIRequestContext } from '@playwright/test';
import * as ExcelJS from 'exceljs';
import { DEMO_ENTERPRISE } from './machine';
import { expect, test } from './fixtures';

const E = `/api/ledger/v1/enterprises/${DEMO_ENTERPRISE}`;
const HOUR = 3_600_000;

/** The local date in Shanghai, and an instant as the guide's sheets write it (`yyyyMMdd HHmmss`). */
const shanghaiDate = (at = Date.now()): string => new Date(at + 8 * HOUR).toISOString().slice(0, 10);
const sheetTime = (iso: string | null): string =>
  iso
    ? new Date(Date.parse(iso) + 8 * HOUR)
        .toISOString()
        .replace(/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2}).*$/, '$1$2$3 $4$5$6')
    : '';

interface Passage {
  readonly plate: string;
  readonly entryCapturedAt: string | null;
  readonly exitCapturedAt: string | null;
}

/** Every page of the passage search for a period, as the console's session reads it. */
async function searchAll(request: APIRequestContext, from: string, to: string): Promise<Passage[]> {
  const items: Passage[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ from, to, limit: '500', ...(cursor ? { cursor } : {}) });
    const response = await request.get(`${E}/passages?${query.toString()}`);
    expect(response.status()).toBe(200);
    const page = (await response.json()) as { items: Passage[]; nextCursor: string | null };
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

test('an enterprise admin exports the passages ledger to Excel, and the file is the API row by row', async ({
  page,
  signIn,
  camera,
}) => {
  await signIn(page, 'enterprise-admin');
  // Today's traffic: two trucks in, one of them out again.
  for (const [lane, plate] of [
    ['north-in', '皖A0Y000'],
    ['east-in', '皖A15C18'],
    ['north-out', '皖A0Y000'],
  ] as const)
    expect((await camera(lane).arrive({ plate })).status).toBe(200);

  const today = shanghaiDate();
  const from = `${today}T00:00:00+08:00`;
  const to = `${shanghaiDate(Date.now() + 24 * HOUR)}T00:00:00+08:00`;
  // The ledger records a push within moments: wait until the search shows the exit.
  await expect
    .poll(async () =>
      (await searchAll(page.request, from, to)).some((p) => p.plate === '皖A0Y000' && p.exitCapturedAt),
    )
    .toBe(true);

  // The period in the URL, as a shared link would open it.
  await page.goto(`/e/${DEMO_ENTERPRISE}/exports?ledger=passages&from=${today}&to=${today}`);
  await page.getByRole('button', { name: '开始导出' }).click();
  const link = page.getByRole('link', { name: /下载 passages-/ });
  await expect(link).toBeVisible({ timeout: 60_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  const sheet = workbook.worksheets[0];
  expect(sheet).toBeDefined();
  const rows: string[][] = [];
  sheet!.eachRow((row) => {
    rows.push(Array.from({ length: row.cellCount }, (_, i) => String(row.getCell(i + 1).value ?? '')));
  });

  // The guide's columns, then one row per passage of the search, in its order.
  const titles: string[] = Object.values(TRANSPORT_EXPORT_TITLES);
  expect(rows[0]?.slice(0, titles.length)).toEqual(titles);
  const passages = await searchAll(page.request, from, to);
  expect(passages.length).toBeGreaterThanOrEqual(2);
  const column = (title: string) => titles.indexOf(title);
  expect(
    rows
      .slice(1)
      .map((row) => [
        row[column(TRANSPORT_EXPORT_TITLES.entryTime)],
        row[column(TRANSPORT_EXPORT_TITLES.exitTime)] ?? '',
        row[column(TRANSPORT_EXPORT_TITLES.plateNumber)],
      ]),
  ).toEqual(passages.map((p) => [sheetTime(p.entryCapturedAt), sheetTime(p.exitCapturedAt), p.plate]));
});
