import { fireEvent, screen, waitFor } from '@testing-library/react';
import { account, ENTERPRISE, fakeGateway, renderPage } from '../shared/test-harness';
import { aVehicle, OPEN_REVIEW } from './fixtures';
import { VehicleStagePanel } from './VehicleStagePanel';

const E = `/api/ledger/v1/enterprises/${ENTERPRISE}`;
const LOOKUP = {
  enabled: false,
  state: 'conflicting',
  trigger: 'key-set',
  key: { kind: 'vin', value: 'LFWSRXRJ8M1E00001' },
  requestedAt: '2025-01-02T03:00:00.000Z',
  attempts: 1,
  nextTryAt: null,
  answeredAt: '2025-01-02T03:00:05.000Z',
  fromCache: false,
  answer: {
    result: 'conflict',
    answeredAt: '2025-01-02T03:00:05.000Z',
    records: [
      {
        recordId: 'r-6',
        stage: 'VI',
        fuel: null,
        vehicleType: null,
        disclosureNumber: null,
        vin: null,
        updatedAt: '2024-06-01T00:00:00.000Z',
      },
      {
        recordId: 'r-4',
        stage: 'IV',
        fuel: null,
        vehicleType: null,
        disclosureNumber: null,
        vin: null,
        updatedAt: '2020-06-01T00:00:00.000Z',
      },
    ],
  },
  error: null,
  evidence: null,
};

describe('the vehicle’s stage check', () => {
  it('warns of the disagreement, shows the conflicting records, and says in words why a lookup was refused', async () => {
    const fake = fakeGateway({
      'GET /auth/me': { body: account('enterprise-staff', ENTERPRISE) },
      [`GET ${E}/vehicles/:plate`]: { body: aVehicle({}, { review: OPEN_REVIEW }) },
      [`GET ${E}/vehicles/:plate/stage-lookup`]: { body: LOOKUP },
      [`POST ${E}/vehicles/:plate/stage-lookup`]: {
        status: 503,
        body: { code: 'stage-lookup-off', reason: 'LEDGER_STAGE_LOOKUP_URL is not set' },
      },
    });
    renderPage(<VehicleStagePanel enterpriseId={ENTERPRISE} plate="冀B54321" />, { path: '/', url: '/' });

    expect(await screen.findByText('排放阶段证据不一致，待复核')).toBeTruthy();
    expect(screen.getByText('国五 · 随车清单/行驶证')).toBeTruthy();
    // Staff see the disagreement; only an enterprise admin resolves it.
    expect(screen.queryByRole('button', { name: '处 理' })).toBeNull();
    expect(await screen.findByText('r-6')).toBeTruthy();
    expect(screen.getByText('r-4')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: /查询排放阶段/ }));
    await waitFor(() =>
      expect(fake.to(`${E}/vehicles/${encodeURIComponent('冀B54321')}/stage-lookup`, 'POST')).toHaveLength(1),
    );
    // Once in the banner (the GET said so), once as the POST's answer.
    await waitFor(() => expect(screen.getAllByText(/本市未配置排放阶段查询来源/)).toHaveLength(2));
  });
});
