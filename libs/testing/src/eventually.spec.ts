import { expectEventually } from './eventually';

describe('expectEventually', () => {
  it('returns once the assertion passes', async () => {
    let calls = 0;
    const result = await expectEventually(
      () => {
        calls += 1;
        if (calls < 3) throw new Error('not yet');
        return calls;
      },
      { intervalMs: 1 },
    );
    expect(result).toBe(3);
  });

  it('rethrows the last failure when time runs out', async () => {
    await expect(
      expectEventually(
        () => {
          throw new Error('never');
        },
        { timeoutMs: 30, intervalMs: 5 },
      ),
    ).rejects.toThrow('never');
  });
});

describe('expectEventually with a progress count', () => {
  it('waits past the timeout while the count grows', async () => {
    let processed = 0;
    const started = Date.now();
    await expectEventually(
      () => {
        processed += 1;
        if (processed < 20) throw new Error(`only ${processed}`);
      },
      { timeoutMs: 40, intervalMs: 5, progress: () => processed },
    );
    expect(processed).toBe(20);
    // 20 tries at 5 ms apart cannot fit in 40 ms: the growing count moved the deadline.
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
  });

  it('fails once the count stops growing for the timeout', async () => {
    let processed = 0;
    const started = Date.now();
    await expect(
      expectEventually(
        () => {
          if (processed < 3) processed += 1;
          throw new Error(`stuck at ${processed}`);
        },
        { timeoutMs: 40, intervalMs: 5, progress: () => processed },
      ),
    ).rejects.toThrow('stuck at 3');
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
