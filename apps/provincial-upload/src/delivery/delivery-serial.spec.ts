import { serialSchema } from '@ecogate/platform-protocol';
import { deriveSerial } from './delivery-serial';

const base = { enterpriseId: 'ent-a', passageId: 'p-1', direction: 'in' as const, revision: 1 };

describe('deriveSerial', () => {
  it('is stable: the same passage, direction and revision always give the same serial', () => {
    expect(deriveSerial(base)).toBe(deriveSerial({ ...base }));
    expect(deriveSerial(base)).toMatchInlineSnapshot(`"eg-${deriveSerial(base).slice(3, 43)}-r1"`);
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
