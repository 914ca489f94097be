import { objectKey, objectKeyPrefix, parseObjectKey } from './object-key';
import { InvalidObjectKeyError } from './storage-errors';

const sha = 'a'.repeat(64);
const parts = {
  enterpriseId: 'acme',
  siteId: 'north-gate',
  date: new Date('2026-11-28T17:30:00Z'),
  kind: 'plate',
  sha256: sha,
  ext: 'jpg',
};

describe('objectKey', () => {
  it('builds enterprise/site/yyyy/MM/dd/kind/<sha256>.ext in UTC by default', () => {
    expect(objectKey(parts)).toBe(`acme/north-gate/2026/11/28/plate/${sha}.jpg`);
  });

  it('takes the date folders in the given time zone', () => {
    // 17:30 UTC is already the next day in Shanghai (UTC+8).
    expect(objectKey(parts, { timeZone: 'Asia/Shanghai' })).toBe(
      `acme/north-gate/2026/11/29/plate/${sha}.jpg`,
    );
  });

  it('is content-addressed: the same content and context give the same key', () => {
    expect(objectKey({ ...parts })).toBe(objectKey(parts));
  });

  it.each([
    ['enterpriseId', '..'],
    ['enterpriseId', 'a/b'],
    ['enterpriseId', ''],
    ['siteId', '.'],
    ['siteId', 'site 1'],
    ['siteId', 'a\\b'],
    ['kind', 'Plate'],
    ['kind', 'plate/../x'],
    ['sha256', 'A'.repeat(64)],
    ['sha256', 'a'.repeat(63)],
    ['sha256', `${'a'.repeat(62)}..`],
    ['ext', '.jpg'],
    ['ext', 'jp/g'],
    ['ext', 'toolongext'],
  ])('rejects %s %p', (field, value) => {
    expect(() => objectKey({ ...parts, [field]: value })).toThrow(InvalidObjectKeyError);
  });

  it('rejects an invalid date and an unknown time zone', () => {
    expect(() => objectKey({ ...parts, date: new Date('nope') })).toThrow(InvalidObjectKeyError);
    expect(() => objectKey(parts, { timeZone: 'Mars/Olympus' })).toThrow(/time zone/);
  });

  it('carries the invalid-object-key code', () => {
    expect(() => objectKey({ ...parts, siteId: '..' })).toThrow(
      expect.objectContaining({ code: 'invalid-object-key' }),
    );
  });
});

describe('objectKeyPrefix', () => {
  it('narrows from enterprise to site to day', () => {
    expect(objectKeyPrefix({ enterpriseId: 'acme' })).toBe('acme/');
    expect(objectKeyPrefix({ enterpriseId: 'acme', siteId: 's1' })).toBe('acme/s1/');
    expect(objectKeyPrefix({ enterpriseId: 'acme', siteId: 's1', date: parts.date })).toBe(
      'acme/s1/2026/11/28/',
    );
  });

  it('refuses a date without a site and invalid segments', () => {
    expect(() => objectKeyPrefix({ enterpriseId: 'acme', date: parts.date })).toThrow(InvalidObjectKeyError);
    expect(() => objectKeyPrefix({ enterpriseId: '../etc' })).toThrow(InvalidObjectKeyError);
  });
});

describe('parseObjectKey', () => {
  it('reads back what objectKey built', () => {
    expect(parseObjectKey(objectKey(parts))).toEqual({
      enterpriseId: 'acme',
      siteId: 'north-gate',
      day: '2026-11-28',
      kind: 'plate',
      sha256: sha,
      ext: 'jpg',
    });
  });

  it.each(['acme/x.jpg', `acme/s/2026/11/28/plate/${sha}`, `../s/2026/11/28/plate/${sha}.jpg`])(
    'returns null for a foreign key %s',
    (key) => {
      expect(parseObjectKey(key)).toBeNull();
    },
  );
});
