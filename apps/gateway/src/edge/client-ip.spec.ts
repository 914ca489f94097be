import { clientIpOf } from './client-ip';

describe('clientIpOf', () => {
  it('is the TCP peer when no proxy is trusted, whatever the client claims', () => {
    expect(clientIpOf('10.0.0.5', '1.2.3.4', 0)).toBe('10.0.0.5');
    expect(clientIpOf('::ffff:127.0.0.1', undefined, 0)).toBe('127.0.0.1');
  });

  it('behind one trusted proxy, is the address that proxy saw (the rightmost entry)', () => {
    expect(clientIpOf('10.0.0.5', '203.0.113.9', 1)).toBe('203.0.113.9');
    // A client-written entry further left is ignored.
    expect(clientIpOf('10.0.0.5', '6.6.6.6, 203.0.113.9', 1)).toBe('203.0.113.9');
    expect(clientIpOf('10.0.0.5', '6.6.6.6, 203.0.113.9, 10.0.0.4', 2)).toBe('203.0.113.9');
  });

  it('falls back to the peer on garbage and never reads past the chain', () => {
    expect(clientIpOf('10.0.0.5', 'not-an-ip', 1)).toBe('10.0.0.5');
    expect(clientIpOf('10.0.0.5', '203.0.113.9', 5)).toBe('203.0.113.9');
  });
});
