import { isEnterpriseId, parseEnterpriseId } from './enterprise-id';
import { PersistenceError } from '../errors/persistence-error';

describe('parseEnterpriseId', () => {
  it.each(['ent-1', 'E', 'acme_steel-02', 'a'.repeat(64)])('accepts %s', (value) => {
    expect(parseEnterpriseId(value)).toBe(value);
    expect(isEnterpriseId(value)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['too long', 'a'.repeat(65)],
    ['leading dash', '-ent'],
    ['slash', 'ent/1'],
    ['dot-dot', '..'],
    ['space', 'ent 1'],
    ['quote (SQL)', "ent'1"],
    ['non-ASCII', '企业1'],
  ])('rejects %s', (_label, value) => {
    expect(() => parseEnterpriseId(value)).toThrow(PersistenceError);
    expect(isEnterpriseId(value)).toBe(false);
  });

  it.each([undefined, null, 42, {}])(
    'rejects the non-string %p with the invalid-enterprise-id code',
    (value) => {
      expect(() => parseEnterpriseId(value)).toThrow(
        expect.objectContaining({ code: 'invalid-enterprise-id' }),
      );
    },
  );

  it('does not echo a long value in full', () => {
    const value = `x${'y'.repeat(500)} `;
    expect(() => parseEnterpriseId(value)).toThrow(/^Invalid enterprise id "xy{79}":/);
  });
});
