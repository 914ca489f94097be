import { KnownEnterprises } from './known-enterprises';

describe('KnownEnterprises', () => {
  it('asks the directory once per enterprise within the time to live, then again', async () => {
    const asked: string[] = [];
    let registered = new Set(['E1']);
    const known = new KnownEnterprises(async (id) => {
      asked.push(id);
      return registered.has(id);
    }, 50);
    expect([await known.exists('E1'), await known.exists('E1'), await known.exists('E9')]).toEqual([
      true,
      true,
      false,
    ]);
    expect(asked).toEqual(['E1', 'E9']);
    registered = new Set(['E9']);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect([await known.exists('E1'), await known.exists('E9')]).toEqual([false, true]);
    expect(asked).toEqual(['E1', 'E9', 'E1', 'E9']);
  });

  it('passes a directory failure to the caller and keeps no answer for it', async () => {
    let fail = true;
    const known = new KnownEnterprises(async () => {
      if (fail) throw new Error('database down');
      return true;
    });
    await expect(known.exists('E1')).rejects.toThrow('database down');
    fail = false;
    expect(await known.exists('E1')).toBe(true);
  });
});
