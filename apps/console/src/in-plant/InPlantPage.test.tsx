import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { account, ENTERPRISE, fakeGateway, renderPage } from '../shared/test-harness';
import { type InPlantVehicle } from './in-plant-form';
import { inPlantUpsert } from './in-plant-form';
import InPlantPage from './InPlantPage';

const LIST = `/api/ledger/v1/enterprises/${ENTERPRISE}/in-plant-vehicles`;
const PATTERN = '/e/:enterpriseId/in-plant';

const vehicle = (number: string, overrides: Partial<InPlantVehicle> = {}): InPlantVehicle => ({
  id: `00000000-0000-4000-9000-${number.padStart(12, '0').slice(-12)}`,
  number,
  registrationDate: '2021-05-01',
  vin: null,
  engineNo: 'E123',
  emissionStage: 'VI',
  stageSource: 'document',
  inventoryList: null,
  drivingLicence: null,
  completeness: 0.67,
  missingFields: ['vin', 'vehicle-document'],
  updatedAt: '2025-01-02T01:00:00.000Z',
  ...overrides,
});
const fleet = [
  vehicle('NB-01'),
  vehicle('NB-02', { emissionStage: null, stageSource: null }),
  vehicle('NB-03'),
];

function gateway(role: Parameters<typeof account>[0]) {
  return fakeGateway({
    'GET /auth/me': { body: account(role, ENTERPRISE) },
    [`GET ${LIST}`]: { body: fleet },
    [`GET ${LIST}/:number`]: ({ url }) => ({
      body: fleet.find((v) => url.pathname.endsWith(`/${v.number}`)),
    }),
    [`PUT ${LIST}/:number`]: ({ body }) => ({ body: { ...fleet[0], ...(body as object) } }),
  });
}

afterEach(() => vi.restoreAllMocks());

describe('厂内车辆台账', () => {
  it('filters from the URL and opens the detail the URL names; an inspector gets no edit control', async () => {
    gateway('inspector');
    const { router } = renderPage(<InPlantPage />, {
      path: PATTERN,
      url: `/e/${ENTERPRISE}/in-plant?stage=unknown&open=NB-02`,
    });
    const drawer = await screen.findByRole('dialog');
    expect(await within(drawer).findByText('E123')).toBeTruthy();
    expect(within(drawer).queryByRole('button', { name: /编\s*辑/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /新增车辆/ })).toBeNull();
    // Only the vehicle of unknown stage is listed.
    expect(screen.queryByText('NB-01')).toBeNull();
    expect(screen.queryByText('NB-03')).toBeNull();
    expect(screen.getAllByText('NB-02').length).toBeGreaterThan(0);
    fireEvent.click(within(drawer).getByRole('button', { name: /close|关闭/i }));
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).has('open')).toBe(false));
  });

  it('lets an enterprise admin add and edit', async () => {
    gateway('enterprise-admin');
    renderPage(<InPlantPage />, { path: PATTERN, url: `/e/${ENTERPRISE}/in-plant?open=NB-01` });
    expect(await screen.findByRole('button', { name: /新增车辆/ })).toBeTruthy();
    const drawer = await screen.findByRole('dialog');
    expect(await within(drawer).findByRole('button', { name: /编\s*辑/ })).toBeTruthy();
  });
});

describe('an in-plant vehicle as the form sends it', () => {
  it('sends what was filled in, the number in the path', () => {
    expect(
      inPlantUpsert({ number: ' NB-09 ', vin: 'lsvaa4182e2184848', stage: 'V', stageSource: 'document' }),
    ).toEqual({
      number: 'NB-09',
      body: { vin: 'LSVAA4182E2184848', stage: { stage: 'V', source: 'document' } },
    });
  });

  it('refuses a bad VIN, a stage without its source and an empty form', () => {
    expect(inPlantUpsert({ number: 'A', vin: 'IOQ' })).toEqual({ problems: ['vinInvalid'] });
    expect(inPlantUpsert({ number: 'A', stage: 'V', stageSource: null })).toEqual({
      problems: ['stageSourceRequired'],
    });
    expect(inPlantUpsert({ number: 'A' })).toEqual({ problems: ['needOne'] });
    expect(inPlantUpsert({ engineNo: 'E1' })).toEqual({ problems: ['numberRequired'] });
  });
});
