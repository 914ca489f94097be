import { releaseAll } from './release-all';

describe('releaseAll', () => {
  it('runs every step in order, even after failures, then reports them all', async () => {
    const ran: string[] = [];
    const failure = releaseAll(
      () => ran.push('consumer'),
      () => Promise.reject(new Error('broker gone')),
      async () => ran.push('server'),
      () => {
        throw new Error('already closed');
      },
      () => ran.push('database'),
    );
    await expect(failure).rejects.toThrow(AggregateError);
    await expect(failure).rejects.toMatchObject({
      errors: [
        expect.objectContaining({ message: 'broker gone' }),
        expect.objectContaining({ message: 'already closed' }),
      ],
    });
    expect(ran).toEqual(['consumer', 'server', 'database']);
  });

  it('rethrows a single failure as it is, and resolves when all steps pass', async () => {
    await expect(releaseAll(() => Promise.reject(new Error('only this')))).rejects.toThrow('only this');
    await expect(
      releaseAll(
        () => undefined,
        async () => undefined,
      ),
    ).resolves.toBeUndefined();
  });
});
