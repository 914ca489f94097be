import { aRecord, SAMPLE_ENTERPRISE_CODE } from '@ecogate/platform-protocol';
import { RecordStore, type StoredRecord } from './record-store';

const entry = (serial: string, enterpriseCode = SAMPLE_ENTERPRISE_CODE): StoredRecord => ({
  enterpriseCode,
  appId: 'app',
  via: 'http',
  receivedAt: '2024-01-15T00:30:00.000Z',
  record: aRecord('vehicle').withSerial(serial).build(),
});

describe('RecordStore', () => {
  it('keeps arrival order and filters by enterprise', () => {
    const store = new RecordStore({ maxRecords: 10, maxSerials: 10 });
    store.add(entry('a'));
    store.add(entry('b', '91130200699229617X002P'));
    store.add(entry('c'));
    expect(store.list(SAMPLE_ENTERPRISE_CODE).map((e) => e.record.serial)).toEqual(['a', 'c']);
    expect(store.list().map((e) => e.record.serial)).toEqual(['a', 'b', 'c']);
  });

  it('evicts the oldest bodies past the cap but still remembers their serials', () => {
    const store = new RecordStore({ maxRecords: 2, maxSerials: 10 });
    for (const serial of ['a', 'b', 'c']) store.add(entry(serial));
    expect(store.list().map((e) => e.record.serial)).toEqual(['b', 'c']);
    expect(store.evicted).toBe(1);
    expect(store.has('a')).toBe(true);
  });

  it('forgets the oldest serials past their own cap', () => {
    const store = new RecordStore({ maxRecords: 1, maxSerials: 2 });
    for (const serial of ['a', 'b', 'c']) store.add(entry(serial));
    expect([store.has('a'), store.has('b'), store.has('c')]).toEqual([false, true, true]);
  });
});
