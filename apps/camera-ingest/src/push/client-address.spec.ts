import { ClientAddressResolver } from './client-address';

describe('ClientAddressResolver (X-Forwarded-For behind trusted proxies)', () => {
  const behindProxy = new ClientAddressResolver(['10.9.0.0/16', '192.168.50.2']);

  it('uses the socket address when no proxy is trusted, whatever the header says', () => {
    const direct = new ClientAddressResolver([]);
    expect(direct.resolve('203.0.113.7', '192.168.1.64')).toBe('203.0.113.7');
  });

  it('ignores X-Forwarded-For sent by an untrusted peer (spoofing)', () => {
    expect(behindProxy.resolve('203.0.113.7', '192.168.1.64')).toBe('203.0.113.7');
    expect(behindProxy.resolve('::ffff:203.0.113.7', ['10.9.0.1', '192.168.1.64'])).toBe(
      '::ffff:203.0.113.7',
    );
  });

  it('takes the right-most untrusted address, skipping trusted proxies', () => {
    expect(behindProxy.resolve('10.9.0.1', '192.168.1.64')).toBe('192.168.1.64');
    // Two proxies: camera → 192.168.50.2 → 10.9.0.1 → us.
    expect(behindProxy.resolve('::ffff:10.9.0.1', '192.168.1.64, 192.168.50.2')).toBe('192.168.1.64');
  });

  it('never uses an address the client prepended itself', () => {
    // The camera network is allowed; an attacker at 198.51.100.9 claims to be a camera.
    expect(behindProxy.resolve('10.9.0.1', '192.168.1.64, 198.51.100.9')).toBe('198.51.100.9');
    expect(behindProxy.resolve('10.9.0.1', ['192.168.1.64', '198.51.100.9, 192.168.50.2'])).toBe(
      '198.51.100.9',
    );
  });

  it('fails closed on a garbled hop and falls back sensibly on odd headers', () => {
    expect(behindProxy.resolve('10.9.0.1', '192.168.1.64, unknown')).toBe('unknown');
    expect(behindProxy.resolve('10.9.0.1', '')).toBe('10.9.0.1');
    expect(behindProxy.resolve('10.9.0.1', undefined)).toBe('10.9.0.1');
    // Only proxies in the chain: the left-most one is the nearest to the client we know.
    expect(behindProxy.resolve('10.9.0.1', '192.168.50.2, 10.9.3.3')).toBe('192.168.50.2');
  });
});
