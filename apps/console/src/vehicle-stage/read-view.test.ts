import { aRead, aVehicle, LICENCE } from './fixtures';
import {
  confirmationBody,
  confirmDefaults,
  inventoryListFacts,
  latestReadOf,
  licenceFieldRows,
  readStatus,
} from './read-view';

const LIST_READ = aRead({
  state: 'read',
  outcome: 'stage-recorded',
  evidenceId: '33333333-3333-4333-8333-333333333333',
  result: {
    kind: 'inventory-list',
    found: true,
    qrText: 'CNZXG6A0123456|LFWSRXRJ8M1E00001',
    disclosureNumber: 'CNZXG6A0123456',
    vin: 'lfwsrxrj8m1e00001',
    unreadable: [],
  },
});

describe('a read as a person sees it', () => {
  it('takes the newest read of each document', () => {
    const licence = aRead({ id: 'a', kind: 'driving-licence' });
    const reads = [licence, aRead({ id: 'b' }), aRead({ id: 'c', kind: 'driving-licence' })];
    expect(latestReadOf(reads, 'driving-licence')).toBe(licence);
    expect(latestReadOf(reads, 'inventory-list')?.id).toBe('b');
    expect(latestReadOf([licence], 'inventory-list')).toBeUndefined();
  });

  it('says why a read waits, and what a person must look at', () => {
    expect(readStatus(aRead({ reason: 'plate recognition not configured' }))).toMatchObject({
      label: 'read.state.queued',
      detail: 'read.wait.not-configured',
    });
    expect(
      readStatus(aRead({ attempts: 3, reason: 'plate recognition unavailable (retrying): ECONNREFUSED' })),
    ).toMatchObject({
      label: 'read.state.retrying',
      values: { attempts: 3 },
      detail: 'read.wait.unavailable',
    });
    expect(readStatus(aRead({ state: 'needs-person', outcome: 'no-code' }))).toMatchObject({
      colour: 'warning',
      detail: 'outcome.no-code',
    });
    // An outcome this console does not know yet shows the service's reason instead of a wrong word.
    expect(readStatus(aRead({ state: 'needs-person', outcome: 'something-new' })).detail).toBeUndefined();
  });

  it('highlights licence fields read with low confidence and those not read at all', () => {
    const rows = licenceFieldRows(aRead({ kind: 'driving-licence', state: 'needs-person', result: LICENCE }));
    const byField = Object.fromEntries(rows.map((row) => [row.field, row]));
    expect(byField.vin).toMatchObject({ value: 'LFWSRXRJ8M1E00001', confidence: 0.97, low: false });
    expect(byField.registrationDate).toMatchObject({ confidence: 0.62, low: true });
    expect(byField.engineNo).toEqual({ field: 'engineNo', low: true });
    expect(licenceFieldRows(LIST_READ)).toEqual([]);
  });

  it('sets a 随车清单’s VIN against the vehicle and names the evidence it produced', () => {
    const vehicle = aVehicle(
      {},
      {
        evidence: [
          { stage: 'VI', source: 'document', at: '2025-01-02T03:00:00.000Z', documentReadId: LIST_READ.id },
        ],
      },
    );
    expect(inventoryListFacts(LIST_READ, vehicle)).toMatchObject({
      disclosureNumber: 'CNZXG6A0123456',
      vinMatch: 'matched',
      evidence: { stage: 'VI', source: 'document' },
    });
    expect(inventoryListFacts(LIST_READ, aVehicle({ vin: 'LFWSRXRJ8M1E99999' }))?.vinMatch).toBe('mismatch');
    expect(inventoryListFacts(LIST_READ, aVehicle({ vin: null }))?.vinMatch).toBe('vehicle-none');
    expect(inventoryListFacts(aRead(), aVehicle())).toBeUndefined();
  });
});

describe('the confirm/correct form', () => {
  it('starts from what was read', () => {
    expect(confirmDefaults(aRead({ kind: 'driving-licence', result: LICENCE }))).toEqual({
      vin: 'LFWSRXRJ8M1E00001',
      registrationDate: '2019-05-02',
    });
  });

  it('sends only what was given, a VIN in capitals', () => {
    expect(
      confirmationBody({ vin: ' lfwsrxrj8m1e00001 ', registrationDate: '', category: 'tractor', note: ' ' }),
    ).toEqual({
      ok: true,
      body: { vin: 'LFWSRXRJ8M1E00001', category: 'tractor' },
    });
    expect(confirmationBody({})).toEqual({ ok: true, body: {} });
  });

  it('refuses a VIN with I/O/Q or the wrong length, and a date that is not YYYY-MM-DD', () => {
    expect(confirmationBody({ vin: 'LFWSRXRJ8M1E0000O', registrationDate: '2019-13-02' })).toEqual({
      ok: false,
      errors: { vin: 'confirm.badVin', registrationDate: 'confirm.badDate' },
    });
    expect(confirmationBody({ vin: 'LFWSRXRJ8M1E0001' })).toMatchObject({ ok: false });
  });
});
