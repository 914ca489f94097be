import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { account, ENTERPRISE, fakeGateway, fill, person, renderPage } from '../shared/test-harness';
import { OPEN_REVIEW } from './fixtures';
import VehicleReviewsPage from './VehicleReviewsPage';

const E = `/api/ledger/v1/enterprises/${ENTERPRISE}`;
const BATCH = '44444444-4444-4444-8444-444444444444';

describe('车辆排放阶段待复核', () => {
  it('lists the disagreements, resolves one with a note, and follows a backfill to its end', async () => {
    let open = [OPEN_REVIEW];
    let polls = 0;
    const fake = fakeGateway({
      'GET /auth/me': { body: account('enterprise-admin', ENTERPRISE) },
      [`GET ${E}/vehicle-reviews`]: () => ({ body: { items: open } }),
      [`POST ${E}/vehicle-reviews/:plate/resolution`]: () => {
        open = [];
        return { body: { ...OPEN_REVIEW, state: 'resolved', note: 'n' } };
      },
      [`POST ${E}/vehicle-document-reads`]: { status: 202, body: { batchId: BATCH, queued: 2 } },
      // The first poll finds one read left, the next finds both done.
      [`GET ${E}/vehicle-document-reads`]: () => ({
        body: { progress: { done: ++polls > 1 ? 2 : 1, total: 2 }, items: [] },
      }),
    });
    const user = person();
    renderPage(<VehicleReviewsPage />, {
      path: '/e/:enterpriseId/vehicle-reviews',
      url: `/e/${ENTERPRISE}/vehicle-reviews`,
    });

    const row = (await screen.findByText('冀B54321')).closest('tr')!;
    expect(within(row).getByText('国五 · 随车清单/行驶证')).toBeTruthy();
    expect(within(row).getByText('国四 · 推断')).toBeTruthy();
    expect(within(row).getByRole('link', { name: '查看通行记录' }).getAttribute('href')).toBe(
      `/e/${ENTERPRISE}/passages?plate=${encodeURIComponent('冀B54321')}`,
    );

    // A note is required before anything is sent.
    fireEvent.click(within(row).getByRole('button', { name: '处 理' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(
      within(dialog)
        .getAllByRole('button', { name: /处\s?理/ })
        .at(-1)!,
    );
    expect(await within(dialog).findByText('请填写处理说明')).toBeTruthy();
    expect(fake.to(`${E}/vehicle-reviews/${encodeURIComponent('冀B54321')}/resolution`)).toHaveLength(0);
    await fill(user, within(dialog).getByRole('textbox'), '清单为准，推断有误');
    fireEvent.click(
      within(dialog)
        .getAllByRole('button', { name: /处\s?理/ })
        .at(-1)!,
    );
    await waitFor(() =>
      expect(fake.to(`${E}/vehicle-reviews/${encodeURIComponent('冀B54321')}/resolution`)).toHaveLength(1),
    );
    expect(fake.to(`${E}/vehicle-reviews/${encodeURIComponent('冀B54321')}/resolution`)[0]!.body).toEqual({
      note: '清单为准，推断有误',
    });
    expect(await screen.findByText('没有需要复核的车辆')).toBeTruthy();

    // The backfill: confirmed, queued, then its progress until every read is done.
    fireEvent.click(screen.getByRole('button', { name: '识别已上传证件' }));
    fireEvent.click(await screen.findByRole('button', { name: /确\s?定|OK/ }));
    expect(await screen.findByText('识别进度 2/2', {}, { timeout: 15_000 })).toBeTruthy();
    const reads = fake.to(`${E}/vehicle-document-reads`, 'GET');
    expect(reads[0]!.query.get('batchId')).toBe(BATCH);
    expect(fake.to(`${E}/vehicle-document-reads`, 'POST')[0]!.body).toEqual({});
  });
});
