import { screen, waitFor } from '@testing-library/react';
import { account, fakeGateway, ok, person, renderPage } from '../shared/test-harness';
import { type DistrictInspection, inspectionLink } from './DistrictInspections';
import DistrictInspectionsPage from './DistrictInspectionsPage';

const row = (over: Partial<DistrictInspection>): DistrictInspection => ({
  id: '11111111-1111-4111-8111-111111111111',
  enterpriseId: 'ent-coke',
  enterpriseName: '唐山某焦化有限公司',
  from: '2026-11-01',
  to: '2026-11-30',
  timeZone: 'Asia/Shanghai',
  seed: 'nov',
  status: 'closed',
  createdBy: '7f1c2a9e-0b8d-4f6e-9a51-3c2d1e0f4b7a',
  createdByName: '王检查',
  createdAt: '2026-12-07T01:00:00.000Z',
  closedBy: null,
  closedByName: null,
  closedAt: null,
  passages: 8,
  windows: 3,
  marked: 11,
  inconsistent: 2,
  scanning: 0,
  ...over,
});

describe('DistrictInspectionsPage', () => {
  it("lists the districts' inspections by enterprise name, filters by status in the URL and opens one on its enterprise's page", async () => {
    const u = person();
    const calls = fakeGateway({
      'GET /auth/me': ok(account('inspector', null)),
      'GET /api/ledger/v1/inspections': ok({
        items: [
          row({}),
          row({
            id: '22222222-2222-4222-8222-222222222222',
            enterpriseId: 'ent-new',
            enterpriseName: null,
            status: 'open',
            inconsistent: 0,
          }),
        ],
        nextCursor: null,
      }),
    });
    const { router } = renderPage(<DistrictInspectionsPage />, { path: '/inspections', url: '/inspections' });
    expect(await screen.findByText('唐山某焦化有限公司')).toBeTruthy();
    // An enterprise the ledger has no directory record of yet reads by its id.
    expect(screen.getByText('ent-new')).toBeTruthy();
    expect(screen.getByText('11 / 11，不一致 2')).toBeTruthy();

    // The filter's 进行中 (the open row's tag says it too).
    await u.click(screen.getAllByText('进行中')[0]!);
    await waitFor(() => expect(router.state.location.search).toBe('?listStatus=open'));
    await waitFor(() =>
      expect(calls.to('/api/ledger/v1/inspections').at(-1)?.query.get('status')).toBe('open'),
    );

    await u.click(screen.getByText('唐山某焦化有限公司'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/e/ent-coke/inspections'));
    expect(router.state.location.search).toBe('?inspection=11111111-1111-4111-8111-111111111111');
  });

  it('says so when the districts have no inspection yet', async () => {
    fakeGateway({
      'GET /auth/me': ok(account('inspector', null)),
      'GET /api/ledger/v1/inspections': ok({ items: [], nextCursor: null }),
    });
    renderPage(<DistrictInspectionsPage />, { path: '/inspections', url: '/inspections' });
    expect(await screen.findByText('辖区内尚无抽查')).toBeTruthy();
  });
});

describe('inspectionLink', () => {
  it("encodes the enterprise and names the inspection in the enterprise page's URL", () => {
    expect(inspectionLink({ enterpriseId: 'ent 1', id: 'abc' })).toBe(
      '/e/ent%201/inspections?inspection=abc',
    );
  });
});
