import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { VehicleDocuments } from '../passages/VehicleDocuments';
import { account, ENTERPRISE, fakeGateway, fill, person, renderPage } from '../shared/test-harness';
import { aRead, aVehicle, LICENCE } from './fixtures';

const E = `/api/ledger/v1/enterprises/${ENTERPRISE}`;
const PLATE = '冀B54321';
const LICENCE_READ = aRead({
  id: '55555555-5555-4555-8555-555555555555',
  kind: 'driving-licence',
  state: 'needs-person',
  outcome: 'licence-read',
  reason: 'fields read for a person to confirm; unreadable: plate, engineNo',
  result: LICENCE,
});
const LIST_READ = aRead({ reason: 'plate recognition not configured' });

describe('the machine’s reads beside the vehicle’s documents', () => {
  it('shows each field with its confidence, a low one highlighted, and posts the correction', async () => {
    const fake = fakeGateway({
      'GET /auth/me': { body: account('enterprise-admin', ENTERPRISE) },
      [`GET ${E}/vehicles/:plate/documents/:kind`]: {
        status: 404,
        body: { code: 'document-not-found', reason: 'none' },
      },
      [`GET ${E}/vehicles/:plate`]: { body: aVehicle() },
      [`GET ${E}/vehicle-document-reads`]: {
        body: { progress: { done: 1, total: 2 }, items: [LICENCE_READ, LIST_READ] },
      },
      [`POST ${E}/vehicle-document-reads/:readId/confirmation`]: {
        status: 400,
        body: { code: 'invalid-vin', reason: 'VIN: 17 of A-Z (no I, O, Q) and 0-9' },
      },
    });
    renderPage(<VehicleDocuments enterpriseId={ENTERPRISE} plate={PLATE} />, { path: '/', url: '/' });

    // The 随车清单 waits, and says why in words.
    expect(await screen.findByText('车牌识别服务未配置，暂不识别')).toBeTruthy();
    // The 行驶证: every field with its confidence; the doubtful date and the unread fields stand out.
    expect(await screen.findByText('待人工确认')).toBeTruthy();
    expect(screen.getByText('97%').closest('.ant-typography-warning')).toBeNull();
    expect(screen.getByText('62%').closest('.ant-typography-warning')).not.toBeNull();
    expect(screen.getAllByText('未读出')).toHaveLength(2);

    // The form starts from what was read; a bad VIN is refused here, a good one goes to the service.
    const form = screen.getByRole('form', { name: '确认或更正' });
    const vin = within(form).getByLabelText('车辆识别代号') as HTMLInputElement;
    expect(vin.value).toBe('LFWSRXRJ8M1E00001');
    const user = person();
    fireEvent.change(vin, { target: { value: 'LFWSRXRJ8M1E0000O' } });
    fireEvent.click(within(form).getByRole('button', { name: '确 认' }));
    expect(await within(form).findByText('VIN 为 17 位字母（不含 I、O、Q）和数字')).toBeTruthy();
    fireEvent.change(vin, { target: { value: '' } });
    await fill(user, vin, 'lfwsrxrj8m1e00002');
    fireEvent.click(within(form).getByRole('button', { name: '确 认' }));
    await waitFor(() =>
      expect(fake.to(`${E}/vehicle-document-reads/${LICENCE_READ.id}/confirmation`)).toHaveLength(1),
    );
    expect(fake.to(`${E}/vehicle-document-reads/${LICENCE_READ.id}/confirmation`)[0]!.body).toEqual({
      vin: 'LFWSRXRJ8M1E00002',
      registrationDate: '2019-05-02',
    });
    // The service's refusal, in its words.
    expect(await within(form).findByText(/invalid-vin/)).toBeTruthy();
  });
});
