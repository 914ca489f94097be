import {
  checkDeletion,
  deletableFrom,
  NATIONAL_RETENTION_FLOORS,
  raiseRetentionFloors,
  retentionPolicy,
  type RetentionDays,
  type RetentionPolicy,
} from './retention-policy';

const codeOf = (result: { ok: boolean; error?: { code: string } }): string =>
  result.ok ? 'ok' : (result.error?.code ?? '');

describe('retention floors (domain.md §1)', () => {
  it('defaults to video 180 days and ledger 365 days', () => {
    expect(NATIONAL_RETENTION_FLOORS).toEqual({ videoDays: 180, ledgerDays: 365 });
  });

  it.each<[string, Partial<RetentionDays>, string]>([
    ['a city keeping the defaults', {}, 'ok'],
    [
      'a city raising both (HJ 1321-2023 as quoted: 12 / 24 months)',
      { videoDays: 365, ledgerDays: 730 },
      'ok',
    ],
    ['a city lowering video', { videoDays: 90 }, 'floor-lowered'],
    ['a city lowering the ledger', { ledgerDays: 300 }, 'floor-lowered'],
    ['zero days', { videoDays: 0 }, 'invalid-days'],
    ['a fraction of a day', { ledgerDays: 400.5 }, 'invalid-days'],
  ])('%s → %s', (_case, city, code) => {
    expect(codeOf(raiseRetentionFloors(city))).toBe(code);
  });

  it('says which data and which floor', () => {
    const result = raiseRetentionFloors({ ledgerDays: 300 });
    expect(!result.ok && result.error).toMatchObject({ data: 'ledger', floorDays: 365 });
  });

  it('raises from another base too', () => {
    expect(raiseRetentionFloors({ videoDays: 400 }, { videoDays: 365, ledgerDays: 730 })).toEqual({
      ok: true,
      value: { videoDays: 400, ledgerDays: 730 },
    });
  });
});

describe('retention policy', () => {
  const cityFloors: RetentionDays = { videoDays: 365, ledgerDays: 730 };

  it.each<[string, RetentionDays, RetentionDays | undefined, string]>([
    ['exactly the floors', { videoDays: 180, ledgerDays: 365 }, undefined, 'ok'],
    ['above the floors', { videoDays: 200, ledgerDays: 1000 }, undefined, 'ok'],
    ['video one day short', { videoDays: 179, ledgerDays: 365 }, undefined, 'below-floor'],
    ['ledger below a raised city floor', { videoDays: 365, ledgerDays: 365 }, cityFloors, 'below-floor'],
    ['negative days', { videoDays: -1, ledgerDays: 365 }, undefined, 'invalid-days'],
    ['not a number', { videoDays: Number.NaN, ledgerDays: 365 }, undefined, 'invalid-days'],
  ])('%s → %s', (_case, requested, floors, code) => {
    expect(codeOf(retentionPolicy(requested, floors))).toBe(code);
  });

  it('refuses instead of clamping, and names the floor', () => {
    const result = retentionPolicy({ videoDays: 30, ledgerDays: 365 });
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'below-floor', data: 'video', floorDays: 180 }),
    });
  });
});

describe('deletion', () => {
  const policy: RetentionPolicy = { videoDays: 180, ledgerDays: 365, floors: NATIONAL_RETENTION_FLOORS };
  const recorded = new Date('2024-01-01T00:00:00Z');

  it.each<[string, 'video' | 'ledger', string, string]>([
    ['video a day before its 180 days', 'video', '2024-06-28T00:00:00Z', 'retention-not-elapsed'],
    ['video at 180 days', 'video', '2024-06-29T00:00:00Z', 'ok'],
    ['ledger at 180 days', 'ledger', '2024-06-29T00:00:00Z', 'retention-not-elapsed'],
    ['ledger at 365 days', 'ledger', '2024-12-31T00:00:00Z', 'ok'],
  ])('%s → %s', (_case, data, now, code) => {
    expect(codeOf(checkDeletion(data, recorded, new Date(now), policy))).toBe(code);
  });

  it('never lets a hand-built policy below its floors delete early', () => {
    const forged: RetentionPolicy = { videoDays: 7, ledgerDays: 7, floors: NATIONAL_RETENTION_FLOORS };
    expect(codeOf(checkDeletion('video', recorded, new Date('2024-02-01T00:00:00Z'), forged))).toBe(
      'retention-not-elapsed',
    );
  });

  it('says from when data may go', () => {
    expect(deletableFrom('ledger', recorded, policy)).toEqual(new Date('2024-12-31T00:00:00Z'));
    expect(checkDeletion('video', recorded, new Date('2025-01-01T00:00:00Z'), policy)).toEqual({
      ok: true,
      value: { deletableFrom: new Date('2024-06-29T00:00:00Z') },
    });
  });
});
