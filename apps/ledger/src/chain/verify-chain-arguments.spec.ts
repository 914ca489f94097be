import { verifyChainArguments } from './verify-chain-arguments';

describe('verifyChainArguments', () => {
  it('reads the enterprise and an optional period of days (Asia/Shanghai) or instants', () => {
    expect(verifyChainArguments(['node', 'main.js', '--verify-chain', 'ent-a'])).toEqual({
      enterpriseId: 'ent-a',
    });
    expect(
      verifyChainArguments([
        'node',
        'main.js',
        '--verify-chain',
        'ent-a',
        '2026-03-01',
        '2026-03-10T12:00:00Z',
      ]),
    ).toEqual({
      enterpriseId: 'ent-a',
      from: new Date('2026-02-28T16:00:00.000Z'),
      to: new Date('2026-03-10T12:00:00.000Z'),
    });
  });

  it('refuses a missing enterprise or a period it cannot read', () => {
    expect(() => verifyChainArguments(['--verify-chain'])).toThrow('usage');
    expect(() => verifyChainArguments(['--verify-chain', 'ent-a', 'yesterday'])).toThrow('from "yesterday"');
  });
});
