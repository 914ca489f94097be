import { HttpDigestChallenge } from './http-digest-challenge';
import { challengeNonce, digestAuthorization } from './raw-soap.test-helper';

const account = { username: 'admin', password: 'Digest-1' };

describe('HttpDigestChallenge', () => {
  let clock = 0;
  const digest = new HttpDigestChallenge('IP Camera', () => account, { nonceTtlMs: 1_000, now: () => clock });
  const sign = (nonce: string, nc: number, password = account.password) =>
    digestAuthorization({ nonce, nc, method: 'GET', uri: '/a', username: account.username, password });
  beforeEach(() => {
    clock = 0;
  });

  it('accepts a growing nonce count (hexadecimal) and refuses a repeated or smaller one', () => {
    const nonce = challengeNonce(digest.challenge());
    expect(digest.verify('GET', '/a', sign(nonce, 9))).toBe('ok');
    expect(digest.verify('GET', '/a', sign(nonce, 0x0a))).toBe('ok');
    expect(digest.verify('GET', '/a', sign(nonce, 0x0a))).toBe('replayed');
    expect(digest.verify('GET', '/a', sign(nonce, 3))).toBe('replayed');
  });

  it('says stale only for a right digest on an expired nonce, and forgets old nonces', () => {
    const nonce = challengeNonce(digest.challenge());
    clock = 1_001;
    expect(digest.verify('GET', '/a', sign(nonce, 1))).toBe('stale');
    expect(digest.verify('GET', '/a', sign(nonce, 1, 'wrong'))).toBe('wrong');
    expect(digest.challenge(true)).toMatch(/, stale=true$/);
    clock = 62_000;
    digest.challenge();
    expect(digest.verify('GET', '/a', sign(nonce, 1))).toBe('unknown-nonce');
  });

  it('refuses what RFC 7616 requires for qop=auth when it is missing, another realm or algorithm', () => {
    const nonce = challengeNonce(digest.challenge());
    expect(digest.verify('GET', '/a', undefined)).toBe('missing');
    expect(digest.verify('GET', '/a', sign(nonce, 1).replace(/cnonce="[^"]+", /, ''))).toBe('malformed');
    expect(digest.verify('GET', '/a', sign(nonce, 1).replace('realm="IP Camera"', 'realm="Other"'))).toBe(
      'malformed',
    );
    expect(digest.verify('GET', '/a', sign(nonce, 1).replace('algorithm=MD5', 'algorithm=SHA-256'))).toBe(
      'malformed',
    );
    expect(digest.verify('POST', '/a', sign(nonce, 1))).toBe('wrong');
  });
});
