/**
 * The partition of a key: a stable hash (FNV-1a, 32 bits) modulo the partition count, so every
 * message of one key lands on one partition and keeps its order. A null key goes round-robin.
 */
export function partitionForKey(key: string | null, partitions: number, roundRobin: () => number): number {
  if (partitions < 1) throw new RangeError(`partition count must be at least 1, got ${partitions}`);
  if (key === null) return roundRobin() % partitions;
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(key, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}
