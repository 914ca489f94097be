import { randomBytes } from 'node:crypto';
import { NS } from './namespaces';
import { securityHeader, type TokenParts } from './raw-soap.test-helper';
import { readUsernameToken, type UsernameToken, UsernameTokenVerifier } from './ws-username-token';
import { parseXml } from './xml-tree';

const account = { username: 'admin', password: 'Token-1' };
const deviceNow = new Date('2030-05-01T12:00:00Z');

const token = (parts: Partial<TokenParts> = {}): UsernameToken => {
  const header = parseXml(
    `<h xmlns:s="${NS.soap12}">${securityHeader({ ...account, created: deviceNow, ...parts })}</h>`,
  );
  const read = readUsernameToken(header.children);
  if (!read) throw new Error('no token');
  return read;
};

describe('UsernameTokenVerifier', () => {
  it('names why a token is refused', () => {
    const verifier = new UsernameTokenVerifier(60_000);
    expect(
      [
        token({ omit: ['Nonce'] }),
        token({ omit: ['Created'] }),
        token({ created: new Date(deviceNow.getTime() + 61_000) }),
        token({ password: 'nope' }),
        token({ username: 'root' }),
      ].map((t) => verifier.verify(t, account, deviceNow)),
    ).toEqual(['no-nonce', 'no-created', 'stale', 'wrong-digest', 'unknown-user']);
    expect(verifier.verify({ ...token(), nonceEncoding: 'urn:hex' }, account, deviceNow)).toBe('bad-nonce');
  });

  it('remembers an accepted nonce for two windows, then forgets it (its Created can no longer pass)', () => {
    let clock = 0;
    const verifier = new UsernameTokenVerifier(60_000, () => clock);
    const once = token({ nonce: randomBytes(16) });
    expect(verifier.verify(once, account, deviceNow)).toBe('ok');
    clock = 119_000;
    expect(verifier.verify(once, account, deviceNow)).toBe('replayed');
    clock = 120_000;
    expect(verifier.verify(once, account, deviceNow)).toBe('ok');
  });
});
