import { serialSchema } from '@ecogate/platform-protocol';
import { deriveSerial } from './delivery-serial';

const base = { enterpriseId: 'ent-a', passageId: 'p-1', direction: 'in' as const, revision: 1 };

describe('deriveSerial', () => {
  // Pinned literals: the provincial platform de-duplicates on this serial, so a change to the
  // derivation (separator, hash, length, prefix) would make every redelivery look like a new record.
  it.each([
    [base, 'eg-b3030938b53e7aa0b07f36ada15ea952537e17ef-r1'],
    [{ ...base, direction: 'out' as const }, 'eg-6c024080940c3c771b8dff8a20edbd45d601119c-r1'],
    [{ ...base, passageId: 'p-2' }, 'eg-defe368f8e958ee1be3758e4a991f7a893c0a1ce-r1'],
    [{ ...base, revision: 2 }, 'eg-30b012b6ef9262d7c000d16a9f7305a2fb547376-r2'],
    [{ ...base, enterpriseId: 'ent-b' }, 'eg-5a513e1cfc63f118232553fa44b65ab24149b148-r1'],
  ])('derives the pinned serial for %j', (source, serial) => {
    expect(deriveSerial(source)).toBe(serial);
  });

  it('is stable for the same input and differs between passages and directions', () => {
    expect(deriveSerial({ ...base })).toBe(deriveSerial({ ...base }));
    const serials = [
      deriveSerial(base),
      deriveSerial({ ...base, direction: 'out' }),
      deriveSerial({ ...base, passageId: 'p-2' }),
      deriveSerial({ ...base, passageId: 'p-2', direction: 'out' }),
    ];
    expect(new Set(serials).size).toBe(serials.length);
  });

  it.each([
    ['direction', { direction: 'out' as const }],
    ['revision', { revision: 2 }],
    ['passage', { passageId: 'p-2' }],
    ['enterprise', { enterpriseId: 'ent-b' }],
  ])('changes with the %s', (_label, change) => {
    expect(deriveSerial({ ...base, ...change })).not.toBe(deriveSerial(base));
  });

  it('fits the protocol serial format even for the longest ids', () => {
    const long = { ...base, enterpriseId: 'e'.repeat(64), passageId: 'p'.repeat(64), revision: 999_999 };
    expect(serialSchema.safeParse(deriveSerial(long)).success).toBe(true);
    expect(deriveSerial(long).length).toBeLessThanOrEqual(64);
  });

  it('does not collide when fields run together', () => {
    expect(deriveSerial({ ...base, enterpriseId: 'a', passageId: 'bc' })).not.toBe(
      deriveSerial({ ...base, enterpriseId: 'ab', passageId: 'c' }),
    );
  });
});
