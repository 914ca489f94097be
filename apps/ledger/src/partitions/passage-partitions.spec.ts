import { parsePartitionName, partitionOf } from './passage-partitions';

describe('passage partitions', () => {
  it('names the UTC month of an instant with its bounds', () => {
    expect(partitionOf(new Date('2026-12-31T23:59:59.999Z'))).toEqual({
      name: 'passages_p202612',
      from: new Date('2026-12-01T00:00:00Z'),
      until: new Date('2027-01-01T00:00:00Z'),
    });
    // 00:30 in Shanghai on 1 December is still November in UTC.
    expect(partitionOf(new Date('2026-12-01T00:30:00+08:00')).name).toBe('passages_p202611');
  });

  it('parses only well-formed partition names back', () => {
    expect(parsePartitionName('passages_p202402')).toEqual(partitionOf(new Date('2024-02-10T00:00:00Z')));
    expect(parsePartitionName('passages_p202413')).toBeUndefined();
    expect(parsePartitionName('passages_p2024021')).toBeUndefined();
    expect(parsePartitionName('passages_unpartitioned')).toBeUndefined();
  });
});
