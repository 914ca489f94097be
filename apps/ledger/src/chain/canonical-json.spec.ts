import { canonicalJson, CanonicalJsonError } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth, drops undefined members and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: 'x' }], c: undefined } })).toBe(
      '{"a":{"d":[3,{"y":"x","z":null}]},"b":1}',
    );
  });

  it('gives the same text whatever order the keys were written in', () => {
    expect(canonicalJson({ plate: '冀B12345', at: 1 })).toBe(canonicalJson({ at: 1, plate: '冀B12345' }));
  });

  it('writes dates as UTC ISO with milliseconds and numbers in shortest form', () => {
    expect(canonicalJson({ at: new Date('2026-03-10T16:00:00+08:00'), t: 12.5, z: -0, n: 1e21 })).toBe(
      '{"at":"2026-03-10T08:00:00.000Z","n":1e+21,"t":12.5,"z":0}',
    );
  });

  it('refuses what JSON would bend, naming where', () => {
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrow(
      new CanonicalJsonError('$.a[1]', 'not a finite number (NaN)'),
    );
    expect(() => canonicalJson({ a: Infinity })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ a: 1n })).toThrow('$.a: a bigint has no JSON form');
    expect(() => canonicalJson({ a: new Date('nope') })).toThrow('$.a: invalid date');
  });
});
