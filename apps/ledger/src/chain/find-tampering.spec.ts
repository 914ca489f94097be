import { sm3Hex } from '@ecogate/domain';
import { type ChainEntry, entryHashOf, GENESIS_HASH, nextEntry, rootMessage } from './chain-maths';
import { type ChainEvidence, findTampering } from './find-tampering';

const at = new Date('2026-03-10T08:00:00.000Z');
const passage = (id: string) => ({ table: 'passages' as const, id });

/** A chain of `contents`, one passage each, linked from genesis. */
function chainOf(contents: readonly string[]): ChainEntry[] {
  const entries: ChainEntry[] = [];
  let head = { seq: 0, hash: GENESIS_HASH };
  contents.forEach((content, index) => {
    const entry = nextEntry(head, 'passage-created', passage(`p${index + 1}`), content, at);
    entries.push(entry);
    head = { seq: entry.seq, hash: entry.entryHash };
  });
  return entries;
}

const evidenceOf = (
  entries: readonly ChainEntry[],
  overrides: Partial<ChainEvidence> = {},
): ChainEvidence => ({
  entries,
  anchor: { seq: 0, hash: GENESIS_HASH },
  roots: [],
  records: entries.map((latest) => ({ latest, current: latest.content })),
  unchained: [],
  ...overrides,
});

/** Rewrites entry `index` to `content` and recomputes every later link, as a careful forger would. */
function rewritten(entries: readonly ChainEntry[], index: number, content: string): ChainEntry[] {
  const result = entries.slice(0, index);
  let head =
    index === 0
      ? { seq: 0, hash: GENESIS_HASH }
      : { seq: result[index - 1]!.seq, hash: result[index - 1]!.entryHash };
  for (const [i, entry] of entries.slice(index).entries()) {
    const next = nextEntry(head, entry.kind, entry.record, i === 0 ? content : entry.content, entry.at);
    result.push(next);
    head = { seq: next.seq, hash: next.entryHash };
  }
  return result;
}

describe('the chain maths', () => {
  it('hashes an entry as SM3(prev, seq, kind, content hash) from genesis', () => {
    const [first] = chainOf(['{"plate":"A"}']);
    expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH, contentHash: sm3Hex('{"plate":"A"}') });
    expect(first!.entryHash).toBe(sm3Hex(`${GENESIS_HASH}\n1\npassage-created\n${sm3Hex('{"plate":"A"}')}`));
    expect(entryHashOf(GENESIS_HASH, 1, 'passage-revised', first!.contentHash)).not.toBe(first!.entryHash);
  });

  it('signs a root message naming the enterprise, day, last seq, hash and count', () => {
    expect(
      rootMessage({ enterpriseId: 'ent-a', day: '2026-03-10', lastSeq: 3, lastHash: 'h', count: 2 }),
    ).toBe('ecogate-ledger-chain-root/v1\nent-a\n2026-03-10\n3\nh\n2');
  });
});

describe('findTampering', () => {
  const entries = chainOf(['{"n":1}', '{"n":2}', '{"n":3}', '{"n":4}']);

  it('finds nothing in an untouched chain whose rows match', () => {
    expect(findTampering(evidenceOf(entries))).toEqual([]);
  });

  it('names a row altered after its entry', () => {
    const records = entries.map((latest, i) => ({ latest, current: i === 2 ? '{"n":33}' : latest.content }));
    expect(findTampering(evidenceOf(entries, { records }))).toEqual([
      expect.objectContaining({ kind: 'record-altered', seq: 3, record: passage('p3') }),
    ]);
  });

  it('names a deleted row, but not one gone with retention', () => {
    const records = entries.map((latest, i) => ({
      latest,
      current: i === 1 ? null : latest.content,
      retainedOut: i === 3,
    }));
    expect(findTampering(evidenceOf(entries, { records }))).toEqual([
      expect.objectContaining({ kind: 'record-deleted', seq: 2, record: passage('p2') }),
    ]);
    const retained = entries.map((latest, i) => ({
      latest,
      current: i === 1 ? null : latest.content,
      retainedOut: i === 1,
    }));
    expect(findTampering(evidenceOf(entries, { records: retained }))).toEqual([]);
  });

  it('names a row no entry records as inserted, after findings with a chain position', () => {
    const records = entries.map((latest, i) => ({ latest, current: i === 3 ? '{}' : latest.content }));
    expect(findTampering(evidenceOf(entries, { records, unchained: [passage('forged')] }))).toEqual([
      expect.objectContaining({ kind: 'record-altered', seq: 4 }),
      expect.objectContaining({ kind: 'record-inserted', record: passage('forged') }),
    ]);
  });

  it('names a chain row edited in place', () => {
    const edited = entries.map((e) => (e.seq === 2 ? { ...e, content: '{"n":22}' } : e));
    expect(findTampering(evidenceOf(edited, { records: [] }))[0]).toMatchObject({
      kind: 'entry-altered',
      seq: 2,
    });
    const relinked = entries.map((e) => (e.seq === 3 ? { ...e, prevHash: GENESIS_HASH } : e));
    expect(findTampering(evidenceOf(relinked, { records: [] }))[0]).toMatchObject({
      kind: 'entry-altered',
      seq: 3,
    });
  });

  it('names deleted chain rows by the gap in seq', () => {
    const gapped = entries.filter((e) => e.seq !== 2);
    expect(findTampering(evidenceOf(gapped, { records: [] }))[0]).toMatchObject({
      kind: 'entry-deleted',
      seq: 2,
    });
  });

  it('catches a recomputed chain only by the signed root', () => {
    const forged = rewritten(entries, 1, '{"n":20}');
    const root = {
      day: '2026-03-10',
      lastSeq: 4,
      lastHash: entries[3]!.entryHash,
      count: 4,
      signatureValid: true,
    };
    expect(findTampering(evidenceOf(forged))).toEqual([]);
    expect(findTampering(evidenceOf(forged, { roots: [root] }))).toEqual([
      expect.objectContaining({ kind: 'chain-rewritten', seq: 4, day: '2026-03-10' }),
    ]);
    expect(
      findTampering(
        evidenceOf(forged, { roots: [{ ...root, lastHash: forged[3]!.entryHash, signatureValid: false }] }),
      ),
    ).toEqual([expect.objectContaining({ kind: 'root-forged', day: '2026-03-10' })]);
  });
});
