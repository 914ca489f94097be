import { canonicalString, SigningPartsError, type SigningParts } from './canonical-string';
import { hmacSha256Hex, md5Hex, sha256Hex } from './digests';
import { sign, verify } from './sign';
import { SIGNATURE_HEADERS, signRequestHeaders } from './signed-request';
import { timestampSkewOutsideWindow } from './timestamp-window';

// Golden values computed with the OpenSSL command line, independently of this code, e.g.
//   printf %s "$CANONICAL&key=demo-secret" | openssl dgst -sm3
const body = '{"enterpriseCode":"91130200699229617X001P","records":[]}';
const parts: SigningParts = {
  appId: 'demo-app',
  timestamp: '1700000000000',
  nonce: '3f2a9c1e5b7d4f60',
  body,
};
const CANONICAL =
  'appId=demo-app&nonce=3f2a9c1e5b7d4f60&timestamp=1700000000000' +
  '&body=8a6b59aed9c51edec68563c000b6831bde584dec40754adbf2d69a9778bb5f4b';

describe('digests (known answers)', () => {
  it('HMAC-SHA256, RFC 4231 test case 2', () => {
    expect(hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('MD5, RFC 1321 test suite', () => {
    expect(md5Hex('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(md5Hex('abc')).toBe('900150983cd24fb0d6963f7d28e17f72');
  });

  it('SHA-256 of the empty body', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe('canonicalString', () => {
  it('sorts the keys and appends the body digest', () => {
    expect(canonicalString(parts)).toBe(CANONICAL);
  });

  it('hashes a string body as UTF-8 and a byte body as is', () => {
    const text = '{"plate":"冀B12345"}';
    const digest = '34d983003814ddc9da1c6dd59f481e421d17c49337a211e0e8d6fe63fb4d84ee';
    expect(canonicalString({ ...parts, body: text })).toContain(`&body=${digest}`);
    expect(canonicalString({ ...parts, body: Buffer.from(text) })).toContain(`&body=${digest}`);
  });

  it.each([
    ['appId', 'demo&app'],
    ['nonce', 'short'],
    ['nonce', 'has=equals'],
    ['timestamp', '1700000000'],
  ] as const)('refuses a %s of %p that could make the string ambiguous', (key, value) => {
    expect(() => canonicalString({ ...parts, [key]: value })).toThrow(SigningPartsError);
  });
});

describe('sign', () => {
  it.each([
    ['HMAC-SHA256', '044d1572ac4b4096588ae3ed86ae1a3de742d1de5fbb3addd13132dfcf5be03b'],
    ['MD5', '8E9EB4204082B4618EDCDB655C0F083F'],
    ['SM3', '5f09b5dedd5ad43e5f645031adbcd6ef3cca747d4408633bb39609f1e444892f'],
  ] as const)('%s matches the golden signature', (method, expected) => {
    expect(sign(method, 'demo-secret', parts)).toBe(expected);
  });
});

describe('verify', () => {
  const methods = ['HMAC-SHA256', 'MD5', 'SM3'] as const;

  it.each(methods)('%s accepts its own signature', (method) => {
    expect(verify(method, 'demo-secret', parts, sign(method, 'demo-secret', parts))).toBe(true);
  });

  it.each(methods)('%s rejects a wrong secret, a changed body or another timestamp', (method) => {
    const signature = sign(method, 'demo-secret', parts);
    expect(verify(method, 'other-secret', parts, signature)).toBe(false);
    expect(verify(method, 'demo-secret', { ...parts, body: `${body} ` }, signature)).toBe(false);
    expect(verify(method, 'demo-secret', { ...parts, timestamp: '1700000000001' }, signature)).toBe(false);
  });

  it('is strict about case (MD5 is upper-case, the others lower-case)', () => {
    expect(verify('MD5', 'demo-secret', parts, sign('MD5', 'demo-secret', parts).toLowerCase())).toBe(false);
    expect(verify('SM3', 'demo-secret', parts, sign('SM3', 'demo-secret', parts).toUpperCase())).toBe(false);
  });

  it('rejects a signature of another method or length without throwing', () => {
    expect(verify('SM3', 'demo-secret', parts, sign('MD5', 'demo-secret', parts))).toBe(false);
    expect(verify('HMAC-SHA256', 'demo-secret', parts, '')).toBe(false);
  });
});

describe('signRequestHeaders', () => {
  it('produces headers whose signature verifies', () => {
    const headers = signRequestHeaders({
      appId: 'demo-app',
      secret: 'demo-secret',
      method: 'SM3',
      body,
      nowMs: 1_700_000_000_000,
    });
    expect(headers[SIGNATURE_HEADERS.timestamp]).toBe('1700000000000');
    expect(headers[SIGNATURE_HEADERS.nonce]).toMatch(/^[0-9a-f]{32}$/);
    expect(
      verify(
        'SM3',
        'demo-secret',
        { appId: 'demo-app', timestamp: '1700000000000', nonce: headers[SIGNATURE_HEADERS.nonce]!, body },
        headers[SIGNATURE_HEADERS.signature]!,
      ),
    ).toBe(true);
  });
});

describe('timestampSkewOutsideWindow', () => {
  const now = 1_700_000_000_000;

  it('accepts up to 300 s either way', () => {
    expect(timestampSkewOutsideWindow(String(now - 300_000), now)).toBeUndefined();
    expect(timestampSkewOutsideWindow(String(now + 300_000), now)).toBeUndefined();
  });

  it('returns the signed skew beyond the window', () => {
    expect(timestampSkewOutsideWindow(String(now - 300_001), now)).toBe(-300_001);
    expect(timestampSkewOutsideWindow(String(now + 400_000), now)).toBe(400_000);
  });
});
