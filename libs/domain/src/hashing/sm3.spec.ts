import { getHashes, createHash } from 'node:crypto';
import fc from 'fast-check';
import { sm3Hex } from './sm3';

describe('sm3Hex (GB/T 32905-2016)', () => {
  it('matches the standard example 1: "abc"', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('matches the standard example 2: "abcd" × 16 (64 bytes, two blocks after padding)', () => {
    expect(sm3Hex('abcd'.repeat(16))).toBe(
      'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
    );
  });

  it('hashes the empty message', () => {
    expect(sm3Hex('')).toBe('1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b');
  });

  it('hashes strings as UTF-8', () => {
    expect(sm3Hex('冀B12345')).toBe(sm3Hex(new TextEncoder().encode('冀B12345')));
  });

  // A second, independent implementation where the local OpenSSL has one; lengths around the
  // 55/56/64-byte padding boundaries are where hand-written hashes usually break.
  const openSsl = getHashes().includes('sm3');
  (openSsl ? it : it.skip)('agrees with OpenSSL on random inputs, padding boundaries included', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 200 }), (bytes) => {
        expect(sm3Hex(bytes)).toBe(createHash('sm3').update(bytes).digest('hex'));
      }),
      { numRuns: 200 },
    );
    for (const length of [55, 56, 57, 63, 64, 65, 119, 120, 128]) {
      const bytes = new Uint8Array(length).fill(0x61);
      expect(sm3Hex(bytes)).toBe(createHash('sm3').update(bytes).digest('hex'));
    }
  });
});
