import { type DataSource } from 'typeorm';
import { PostgresProcessedEventStore } from './postgres-processed-event-store';

describe('PostgresProcessedEventStore', () => {
  it('claims with a parameterised INSERT ... ON CONFLICT DO NOTHING and reports whether it inserted', async () => {
    const query = jest
      .fn()
      .mockResolvedValueOnce([{ event_id: 'e1' }])
      .mockResolvedValueOnce([]);
    const store = new PostgresProcessedEventStore({ manager: { query } } as unknown as DataSource);
    await expect(store.claim('ledger', 'e1')).resolves.toBe(true);
    await expect(store.claim('ledger', 'e1')).resolves.toBe(false);
    expect(query).toHaveBeenCalledWith(expect.stringMatching(/ON CONFLICT DO NOTHING/), ['ledger', 'e1']);
  });

  it('refuses a tx that is not an EntityManager', async () => {
    const store = new PostgresProcessedEventStore({ manager: { query: jest.fn() } } as unknown as DataSource);
    await expect(store.claim('ledger', 'e1', { query: jest.fn() })).rejects.toMatchObject({
      code: 'invalid-transaction',
    });
  });
});
