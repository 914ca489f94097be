import { ledgerLagSeconds } from './ledger-lag.metrics';

describe('ledgerLagSeconds', () => {
  const decidedAt = '2026-12-08T02:00:00.000Z';

  it('measures from the decision to the commit for what was newly recorded', () => {
    const recordedAt = new Date('2026-12-08T02:00:01.250Z');
    expect(ledgerLagSeconds(decidedAt, 'opened', recordedAt)).toBe(1.25);
    expect(ledgerLagSeconds(decidedAt, 'refused', recordedAt)).toBe(1.25);
    expect(ledgerLagSeconds(decidedAt, 'exit-without-entry', new Date('2026-12-08T03:00:00Z'))).toBe(3600);
  });

  it('counts no lag for a redelivery, and none below zero for a clock ahead of ours', () => {
    const recordedAt = new Date('2026-12-08T02:00:05Z');
    expect(ledgerLagSeconds(decidedAt, 'duplicate-event', recordedAt)).toBeUndefined();
    expect(ledgerLagSeconds(decidedAt, 'already-recorded', recordedAt)).toBeUndefined();
    expect(ledgerLagSeconds(decidedAt, 'closed', new Date('2026-12-08T01:59:59Z'))).toBe(0);
    expect(ledgerLagSeconds('not a time', 'opened', recordedAt)).toBeUndefined();
  });
});
