import { generateKeyPairSync } from 'node:crypto';
import { canonicalJson } from '../chain/canonical-json';
import { type ChainEntry, GENESIS_HASH, nextEntry, rootMessage } from '../chain/chain-maths';
import { chainSignerFromPem } from '../chain/chain-signing';
import { type ChainProof } from '../evidence-pack/chain-proof';
import { compactChainProof } from './passage-chain-proof';

const signerOf = (id: string) =>
  chainSignerFromPem(
    generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
    id,
  );
const cluster = signerOf('cluster-1');
const ENTERPRISE = 'ent-proof';
const PASSAGE = '0f9e2a52-2b51-4c1e-9a57-4a0c9d1d7c11';
const OTHER = '5d8e3c11-7a2b-4f3e-8c1d-2b7a9e0f4d22';

/** Links 1..3: the passage created (1), another passage (2), the passage revised (3). */
function chain(): ChainEntry[] {
  const steps: [string, ChainEntry['kind'], string][] = [
    [PASSAGE, 'passage-created', canonicalJson({ id: PASSAGE, stage: null })],
    [OTHER, 'passage-created', canonicalJson({ id: OTHER })],
    [PASSAGE, 'passage-revised', canonicalJson({ id: PASSAGE, stage: 'VI' })],
  ];
  const entries: ChainEntry[] = [];
  let head = { seq: 0, hash: GENESIS_HASH };
  for (const [id, kind, content] of steps) {
    const entry = nextEntry(head, kind, { table: 'passages', id }, content, new Date());
    entries.push(entry);
    head = { seq: entry.seq, hash: entry.entryHash };
  }
  return entries;
}

function rootOf(entries: readonly ChainEntry[], lastSeq: number) {
  const last = entries[lastSeq - 1];
  if (!last) throw new Error(`no link ${lastSeq}`);
  const unsigned = {
    enterpriseId: ENTERPRISE,
    day: '2026-03-10',
    lastSeq,
    lastHash: last.entryHash,
    count: lastSeq,
  };
  return { ...unsigned, keyId: cluster.keyId, signature: cluster.sign(rootMessage(unsigned)) };
}

/** The proof `chainProofOf` would read: every link from the first, content on the passage's own. */
function proofOf(entries: readonly ChainEntry[], roots: ChainProof['roots']): ChainProof {
  return {
    format: 'ecogate-chain-proof/v1',
    enterpriseId: ENTERPRISE,
    records: [{ table: 'passages', id: PASSAGE, seqs: [1, 3] }],
    links: entries.map((e) => ({
      seq: e.seq,
      kind: e.kind,
      contentHash: e.contentHash,
      prevHash: e.prevHash,
      entryHash: e.entryHash,
      ...(e.record.id === PASSAGE ? { record: e.record, content: e.content } : {}),
    })),
    roots,
  };
}

describe('compactChainProof', () => {
  it('lists the passage own links, says they link up and names the signed root that covers them', () => {
    const entries = chain();
    const proof = compactChainProof(proofOf(entries, [rootOf(entries, 3)]), PASSAGE, cluster.publicKeyPem);
    expect(proof).toEqual({
      entries: [
        { seq: 1, kind: 'passage-created', hash: entries[0]?.entryHash },
        { seq: 3, kind: 'passage-revised', hash: entries[2]?.entryHash },
      ],
      linksChecked: 3,
      linked: true,
      root: {
        day: '2026-03-10',
        lastSeq: 3,
        lastHash: entries[2]?.entryHash,
        keyId: 'cluster-1',
        verified: true,
      },
      problems: [],
    });
  });

  it('has no root while the day of the latest link is not signed (an earlier root does not cover it)', () => {
    const entries = chain();
    const proof = compactChainProof(proofOf(entries, [rootOf(entries, 1)]), PASSAGE, cluster.publicKeyPem);
    expect(proof.root).toBeNull();
    expect(proof.linked).toBe(true);
    expect(proof.problems).toEqual([]);
  });

  it('names an altered record: its content no longer hashes to its link', () => {
    const entries = chain();
    const honest = proofOf(entries, [rootOf(entries, 3)]);
    const altered: ChainProof = {
      ...honest,
      links: honest.links.map((link) =>
        link.seq === 3 ? { ...link, content: canonicalJson({ id: PASSAGE, stage: 'V' }) } : link,
      ),
    };
    const proof = compactChainProof(altered, PASSAGE, cluster.publicKeyPem);
    expect(proof.linked).toBe(false);
    expect(proof.root?.verified).toBe(true);
    expect(proof.problems).toEqual(['chain link 3: its content does not hash to its content hash (SM3)']);
  });

  it('refuses a root signed by another key, and says unchecked when the ledger has no key', () => {
    const entries = chain();
    const foreign = { ...rootOf(entries, 3), signature: signerOf('other').sign('x') };
    const proof = compactChainProof(proofOf(entries, [foreign]), PASSAGE, cluster.publicKeyPem);
    expect(proof.linked).toBe(true);
    expect(proof.root?.verified).toBe(false);
    expect(proof.problems).toEqual([
      "root of 2026-03-10: its signature does not verify with the cluster's public key",
    ]);
    expect(compactChainProof(proofOf(entries, [foreign]), PASSAGE, undefined).root?.verified).toBeNull();
  });

  it('is empty and not linked for a passage recorded before the chain began', () => {
    const none: ChainProof = {
      format: 'ecogate-chain-proof/v1',
      enterpriseId: ENTERPRISE,
      records: [{ table: 'passages', id: PASSAGE, seqs: [] }],
      links: [],
      roots: [],
    };
    expect(compactChainProof(none, PASSAGE, cluster.publicKeyPem)).toEqual({
      entries: [],
      linksChecked: 0,
      linked: false,
      root: null,
      problems: [],
    });
  });
});
