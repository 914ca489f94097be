import { type EntityManager } from 'typeorm';
import { OutboxWriter } from './outbox-writer';

describe('OutboxWriter', () => {
  const message = { topic: 'ledger.entry.created.v1', key: 'ent-1', payload: { a: 1 } };

  it('refuses a manager outside a transaction, where the row would commit on its own', async () => {
    const query = jest.fn();
    const manager = { queryRunner: undefined, query } as unknown as EntityManager;
    await expect(new OutboxWriter().add(manager, message)).rejects.toMatchObject({
      code: 'transaction-required',
    });
    expect(query).not.toHaveBeenCalled();
  });

  it('writes topic, key, payload and headers as bound parameters', async () => {
    const query = jest.fn().mockResolvedValue([{ id: '42' }]);
    const manager = { queryRunner: { isTransactionActive: true }, query } as unknown as EntityManager;
    const id = await new OutboxWriter().add(manager, { ...message, headers: { 'x-correlation-id': 'c1' } });
    expect(id).toBe('42');
    expect(query).toHaveBeenCalledWith(expect.stringContaining('VALUES ($1, $2, $3::jsonb, $4::jsonb)'), [
      'ledger.entry.created.v1',
      'ent-1',
      '{"a":1}',
      '{"x-correlation-id":"c1"}',
    ]);
  });

  it('refuses a payload that is not JSON', async () => {
    const manager = {
      queryRunner: { isTransactionActive: true },
      query: jest.fn(),
    } as unknown as EntityManager;
    await expect(new OutboxWriter().add(manager, { ...message, payload: undefined })).rejects.toThrow(
      TypeError,
    );
  });
});
