import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { type DeviceAccount } from './ws-username-token';

const md5 = (value: string): string => createHash('md5').update(value).digest('hex');

/** Server side of HTTP digest (RFC 7616, MD5, qop=auth), as cameras protect their snapshot URL. */
export class HttpDigestChallenge {
  private readonly nonces = new Set<string>();

  constructor(
    private readonly realm: string,
    private readonly account: () => DeviceAccount,
  ) {}

  /** The `WWW-Authenticate` value of a 401; the nonce is remembered. */
  challenge(): string {
    const nonce = randomBytes(16).toString('hex');
    this.nonces.add(nonce);
    return `Digest realm="${this.realm}", qop="auth", nonce="${nonce}", algorithm=MD5`;
  }

  verify(method: string, url: string, authorization: string | undefined): boolean {
    if (!authorization || !/^digest\s/i.test(authorization)) return false;
    const fields: Record<string, string> = {};
    for (const [, name = '', quoted, bare] of authorization
      .slice(7)
      .matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) {
      fields[name.toLowerCase()] = quoted ?? bare ?? '';
    }
    const { username, nonce = '', uri, response = '', nc = '', cnonce = '', qop } = fields;
    const { username: expectedUser, password } = this.account();
    if (username !== expectedUser || uri !== url || !this.nonces.has(nonce)) return false;
    const ha1 = md5(`${expectedUser}:${this.realm}:${password}`);
    const ha2 = md5(`${method}:${uri}`);
    const expected = qop
      ? md5(`${ha1}:${nonce}:${nc}:${cnonce}:${qop}:${ha2}`)
      : md5(`${ha1}:${nonce}:${ha2}`);
    return (
      response.length === expected.length && timingSafeEqual(Buffer.from(response), Buffer.from(expected))
    );
  }
}
