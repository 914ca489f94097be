import { type ChainProof } from './chain-proof';
import { type ZipEntry } from './canonical-zip';
import { CHAIN_PROOF, MANIFEST, manifestOf, PUBLIC_KEY, SIGNATURE } from './pack-manifest';

/** A clip or photo that is not in the pack, and why: listed, never silently dropped. */
export interface MissingFile {
  readonly passageId: string;
  /** `entry`/`exit` for a photo, `in`/`out` for a clip; absent when the archive knows no clip at all. */
  readonly side?: string;
  readonly kind?: string;
  readonly clipId?: string;
  /** `pending`, `missing`, `not-configured`, `unknown-to-archive`, `not-in-storage`… */
  readonly status: string;
  readonly reason: string | null;
}

/** Everything a pack holds, gathered (evidence-sources.ts); this module only lays it out. */
export interface PackContents {
  readonly reportPdf: Buffer;
  /** The inspection as the API shows it, and its indicators. */
  readonly inspection: unknown;
  readonly indicators: unknown;
  /** Each sampled passage's record: `record` is its row as the chain hashes it. */
  readonly records: readonly { readonly table: 'passages'; readonly id: string; readonly body: object }[];
  readonly photos: readonly ZipEntry[];
  readonly missingPhotos: readonly MissingFile[];
  readonly clips: readonly ZipEntry[];
  readonly missingClips: readonly MissingFile[];
  readonly proof: ChainProof;
  readonly publicKeyPem: string;
  readonly keyFingerprint: string;
}

const json = (value: unknown): Buffer => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');

/** How anyone checks the pack, with the standard tools or the ledger's own verifier. */
export function verifyText(fingerprint: string): string {
  return `生态门禁 核查证据包 / Ecogate inspection evidence pack
====================================================

本证据包可离线核验，改动其中任意一个字节都会使核验失败。
Any single changed byte makes verification fail. Verify offline:

1. 完整性 / Integrity (every file against the manifest):
     unzip evidence-pack.zip -d pack && cd pack && sha256sum -c ${MANIFEST}

2. 签名 / Signature of the manifest (Ed25519, the cluster's chain key):
     openssl pkeyutl -verify -pubin -inkey ${PUBLIC_KEY} -rawin -in ${MANIFEST} -sigfile ${SIGNATURE}
   Compare the key with the one the city publishes (its SHA-256 fingerprint over the DER SPKI):
     openssl pkey -pubin -in ${PUBLIC_KEY} -outform DER | sha256sum
   Fingerprint of the key that signed this pack: ${fingerprint}

3. 全部检查 / Everything at once, including the ZIP's canonical form and the hash chain proof
   (SM3 links of each sampled record up to its signed daily root, ${CHAIN_PROOF}):
     npx tsx apps/ledger/src/main.ts --verify-pack evidence-pack.zip --public-key cluster-chain.pub.pem
   (exit code 0: verified; 1: not verified, with the reasons printed)

Contents: report.pdf (核查报告), records/ (JSON of the inspection and each sampled passage with its
audit trail), photos/, clips/ (clips/MISSING.json names each clip not included and why),
chain/ (proof and public key), ${MANIFEST}, ${SIGNATURE}.
`;
}

/**
 * The pack's files: the contents laid out, the manifest over all of them and its signature.
 * `sign` is the cluster's chain signer (raw 64-byte Ed25519 signature of the manifest's bytes).
 */
export function packEntries(contents: PackContents, sign: (manifest: string) => Buffer): ZipEntry[] {
  const files: ZipEntry[] = [
    { name: 'report.pdf', data: contents.reportPdf },
    { name: 'VERIFY.txt', data: Buffer.from(verifyText(contents.keyFingerprint), 'utf8') },
    {
      name: 'records/inspection.json',
      data: json({ inspection: contents.inspection, indicators: contents.indicators }),
    },
    ...contents.records.map((record) => ({
      name: `records/${record.table}/${record.id}.json`,
      data: json(record.body),
    })),
    ...contents.photos,
    ...contents.clips,
    { name: 'clips/MISSING.json', data: json(contents.missingClips) },
    ...(contents.missingPhotos.length > 0
      ? [{ name: 'photos/MISSING.json', data: json(contents.missingPhotos) }]
      : []),
    { name: CHAIN_PROOF, data: json(contents.proof) },
    { name: PUBLIC_KEY, data: Buffer.from(contents.publicKeyPem, 'utf8') },
  ];
  const manifest = manifestOf(files);
  return [
    ...files,
    { name: MANIFEST, data: Buffer.from(manifest, 'ascii') },
    { name: SIGNATURE, data: sign(manifest) },
  ];
}
