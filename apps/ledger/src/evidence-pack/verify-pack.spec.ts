import { generateKeyPairSync } from 'node:crypto';
import { canonicalJson } from '../chain/canonical-json';
import { type ChainEntry, GENESIS_HASH, nextEntry, rootMessage } from '../chain/chain-maths';
import { type ChainSigner, chainSignerFromPem } from '../chain/chain-signing';
import { readZip, writeCanonicalZip } from './canonical-zip';
import { type ChainProof, type ProofLink } from './chain-proof';
import { packEntries, type PackContents } from './pack-entries';
import { keyFingerprint, manifestOf, MANIFEST, SIGNATURE } from './pack-manifest';
import { verifyPack } from './verify-pack';

const signerOf = (id: string) =>
  chainSignerFromPem(
    generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
    id,
  );
const cluster = signerOf('cluster-1');
const ENTERPRISE = 'ent-pack';
const PASSAGE = '0f9e2a52-2b51-4c1e-9a57-4a0c9d1d7c11';
const OTHER = '5d8e3c11-7a2b-4f3e-8c1d-2b7a9e0f4d22';
const passageRow = {
  id: PASSAGE,
  plate: '冀B12345',
  stage: 'VI',
  completeness: 1,
  capturedAt: '2026-03-10T08:00:00.000Z',
};

/** Links 1..4 (the sample's passage at 2 and 4, another passage between) and a root of the day at 4. */
function chainAndRoot(signer: ChainSigner) {
  const contents: [string, string][] = [
    [OTHER, canonicalJson({ id: OTHER, plate: '冀A00001' })],
    [PASSAGE, canonicalJson({ ...passageRow, stage: null })],
    [OTHER, canonicalJson({ id: OTHER, plate: '冀A00001', stage: 'V' })],
    [PASSAGE, canonicalJson(passageRow)],
  ];
  const entries: ChainEntry[] = [];
  let head = { seq: 0, hash: GENESIS_HASH };
  for (const [id, content] of contents) {
    const entry = nextEntry(head, 'passage-created', { table: 'passages', id }, content, new Date());
    entries.push(entry);
    head = { seq: entry.seq, hash: entry.entryHash };
  }
  const unsigned = { enterpriseId: ENTERPRISE, day: '2026-03-10', lastSeq: 4, lastHash: head.hash, count: 4 };
  const root = { ...unsigned, keyId: signer.keyId, signature: signer.sign(rootMessage(unsigned)) };
  return { entries, root };
}

function proofOf(entries: readonly ChainEntry[], root: ChainProof['roots'][number]): ChainProof {
  const links: ProofLink[] = entries.slice(1).map((e) => ({
    seq: e.seq,
    kind: e.kind,
    contentHash: e.contentHash,
    prevHash: e.prevHash,
    entryHash: e.entryHash,
    ...(e.record.id === PASSAGE ? { record: e.record, content: e.content } : {}),
  }));
  return {
    format: 'ecogate-chain-proof/v1',
    enterpriseId: ENTERPRISE,
    records: [{ table: 'passages', id: PASSAGE, seqs: [2, 4] }],
    links,
    roots: [root],
  };
}

function contentsFor(signer: ChainSigner, overrides: Partial<PackContents> = {}): PackContents {
  const { entries, root } = chainAndRoot(cluster);
  return {
    reportPdf: Buffer.from('%PDF-1.3 not really a report'),
    inspection: { id: 'i-1', seed: 'seed-1' },
    indicators: { trips: 1 },
    records: [{ table: 'passages', id: PASSAGE, body: { record: passageRow, auditTrail: [] } }],
    photos: [
      { name: `photos/${PASSAGE}-entry-scene.jpg`, data: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]) },
    ],
    missingPhotos: [],
    clips: [],
    missingClips: [{ passageId: PASSAGE, status: 'not-configured', reason: 'VIDEO_ARCHIVE_URL is not set' }],
    proof: proofOf(entries, root),
    publicKeyPem: signer.publicKeyPem,
    keyFingerprint: 'fp',
    ...overrides,
  };
}

const signWith = (signer: ChainSigner) => (manifest: string) => Buffer.from(signer.sign(manifest), 'base64');
const packOf = (contents: PackContents, signer: ChainSigner = cluster) =>
  writeCanonicalZip(packEntries(contents, signWith(signer)));

describe('verifyPack', () => {
  const pack = packOf(contentsFor(cluster));

  it('verifies a pack with the cluster key, naming the key it checked with', () => {
    const result = verifyPack(pack, cluster.publicKeyPem);
    expect(result).toMatchObject({ ok: true, failures: [], warnings: [], files: 10 });
    expect(result.keyFingerprint).toMatch(/^([0-9a-f]{4}:){15}[0-9a-f]{4}$/);
    // Without a trusted key it still checks (with the pack's own), and says so.
    expect(verifyPack(pack)).toMatchObject({ ok: true, warnings: [expect.stringMatching(/pack's own/)] });
  });

  it('fails when any single byte of the pack changes', () => {
    let passed = 0;
    for (let at = 0; at < pack.length; at++) {
      const copy = Buffer.from(pack);
      copy.writeUInt8(copy.readUInt8(at) ^ 0x5a, at);
      if (verifyPack(copy, cluster.publicKeyPem).ok) passed++;
    }
    expect({ bytes: pack.length, passed }).toEqual({ bytes: pack.length, passed: 0 });
  }, 120_000);

  it('fails a manifest re-signed with another key, even with that key put in the pack', () => {
    const forger = signerOf('forger');
    const forged = packOf(contentsFor(forger), forger);
    const result = verifyPack(forged, cluster.publicKeyPem);
    expect(result.ok).toBe(false);
    expect(result.failures).toEqual(
      expect.arrayContaining([
        'chain/public-key.pem: not the public key given',
        `${SIGNATURE}: not a valid Ed25519 signature of ${MANIFEST} by this key`,
      ]),
    );
    // Trusting the pack's own (forged) key: the daily roots the forger cannot sign still give it away.
    expect(verifyPack(forged).failures).toEqual([
      "chain proof: root of 2026-03-10: its signature does not verify with the cluster's public key",
    ]);
  });

  it('fails a chain proof with an altered link, even when the manifest is signed again', () => {
    const honest = contentsFor(cluster);
    const links = honest.proof.links.map((link) =>
      link.seq === 2 ? { ...link, content: link.content!.replace('"stage":null', '"stage":"VI"') } : link,
    );
    const altered = verifyPack(
      packOf({ ...honest, proof: { ...honest.proof, links } }),
      cluster.publicKeyPem,
    );
    expect(altered.failures).toEqual([
      'chain proof: chain link 2: its content does not hash to its content hash (SM3)',
    ]);
    // A record file that differs from the chain's last content.
    const records = [
      { table: 'passages' as const, id: PASSAGE, body: { record: { ...passageRow, stage: 'V' } } },
    ];
    expect(verifyPack(packOf({ ...honest, records }), cluster.publicKeyPem).failures).toEqual([
      `records/passages/${PASSAGE}.json: the record differs from what the chain recorded last`,
    ]);
    // A link left out of the run between the record and its root.
    const gap = honest.proof.links.filter((link) => link.seq !== 3);
    expect(
      verifyPack(packOf({ ...honest, proof: { ...honest.proof, links: gap } }), cluster.publicKeyPem)
        .failures,
    ).toEqual([
      'chain proof: chain link 4: follows 2 (a link is missing)',
      "chain proof: chain link 4: does not point at link 2's hash",
    ]);
  });

  it('names a file added without being listed, and one listed but taken out', () => {
    const entries = readZip(pack);
    const added = writeCanonicalZip([...entries, { name: 'photos/extra.jpg', data: Buffer.from('x') }]);
    expect(verifyPack(added, cluster.publicKeyPem).failures).toEqual([
      'photos/extra.jpg: in the pack but not listed in SHA256SUMS',
    ]);
    const removed = writeCanonicalZip(entries.filter((e) => e.name !== 'report.pdf'));
    expect(verifyPack(removed, cluster.publicKeyPem).failures).toEqual([
      'report.pdf: listed in SHA256SUMS but not in the pack',
    ]);
  });

  it('lays the manifest out for sha256sum -c and the fingerprint in groups of four', () => {
    const manifest = readZip(pack)
      .find((e) => e.name === MANIFEST)!
      .data.toString('ascii');
    expect(manifest).toBe(manifestOf(readZip(pack)));
    expect(manifest.split('\n')[0]).toMatch(/^[0-9a-f]{64} {2}VERIFY\.txt$/);
    expect(keyFingerprint(Buffer.from('x'))).toBe(
      '2d71:1642:b726:b044:0162:7ca9:fbac:32f5:c853:0fb1:903c:c4db:0225:8717:921a:4881',
    );
  });
});
