import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../chain/canonical-json';
import { CHAIN_KINDS, CHAIN_TABLES } from '../chain/chain-maths';
import { canonicalZipProblem, readZip } from './canonical-zip';
import { type ChainProof, checkChainProof } from './chain-proof';
import {
  CHAIN_PROOF,
  keyFingerprint,
  MANIFEST,
  parseManifest,
  PUBLIC_KEY,
  sha256Hex,
  SIGNATURE,
} from './pack-manifest';

export interface PackVerification {
  readonly ok: boolean;
  /** Each reason the pack does not verify, in the order checked. */
  readonly failures: readonly string[];
  /** What verifies but is worth knowing (links not yet under a signed root, the key not given). */
  readonly warnings: readonly string[];
  readonly files: number;
  /** SHA-256 of the whole pack file. */
  readonly sha256: string;
  /** The key the signature and roots were checked with. */
  readonly keyFingerprint: string | null;
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const chainProofSchema = z.object({
  format: z.literal('ecogate-chain-proof/v1'),
  enterpriseId: z.string(),
  records: z.array(
    z.object({ table: z.enum(CHAIN_TABLES), id: z.string(), seqs: z.array(z.number().int().positive()) }),
  ),
  links: z.array(
    z.object({
      seq: z.number().int().positive(),
      kind: z.enum(CHAIN_KINDS),
      contentHash: hex64,
      prevHash: hex64,
      entryHash: hex64,
      record: z.object({ table: z.enum(CHAIN_TABLES), id: z.string() }).optional(),
      content: z.string().optional(),
    }),
  ),
  roots: z.array(
    z.object({
      day: z.string(),
      lastSeq: z.number().int().positive(),
      lastHash: hex64,
      count: z.number().int(),
      keyId: z.string(),
      signature: z.string(),
    }),
  ),
}) satisfies z.ZodType<ChainProof>;

function publicKeyOf(pem: string): KeyObject | string {
  try {
    const key = createPublicKey(pem);
    return key.asymmetricKeyType === 'ed25519'
      ? key
      : `an Ed25519 key is needed, not ${key.asymmetricKeyType}`;
  } catch {
    return 'not a PEM public key';
  }
}

/**
 * Verifies an evidence pack offline, with no database and no network: the file is the canonical
 * ZIP of its entries (so no byte can change unnoticed), every file matches SHA256SUMS and no file
 * is unlisted, SHA256SUMS is signed by the cluster's key, and the chain proof recomputes (SM3) up
 * to signed daily roots that the records' contents match. `trustedPublicKeyPem`: the cluster key
 * the reader trusts; without it the pack's own copy is used (and said so).
 */
export function verifyPack(zip: Buffer, trustedPublicKeyPem?: string): PackVerification {
  const failures: string[] = [];
  const warnings: string[] = [];
  const sha256 = sha256Hex(zip);
  const done = (files: number, fingerprint: string | null): PackVerification => ({
    ok: failures.length === 0,
    failures,
    warnings,
    files,
    sha256,
    keyFingerprint: fingerprint,
  });
  const zipProblem = canonicalZipProblem(zip);
  if (zipProblem) failures.push(`zip: ${zipProblem}`);
  let entries;
  try {
    entries = readZip(zip);
  } catch {
    return done(0, null);
  }
  const files = new Map(entries.map((entry) => [entry.name, entry.data]));

  const manifest = files.get(MANIFEST);
  if (!manifest) failures.push(`${MANIFEST}: missing`);
  else {
    const { hashes, problems } = parseManifest(manifest.toString('utf8'));
    failures.push(...problems);
    for (const [name, hash] of hashes) {
      const data = files.get(name);
      if (!data) failures.push(`${name}: listed in ${MANIFEST} but not in the pack`);
      else if (sha256Hex(data) !== hash) failures.push(`${name}: SHA-256 differs from ${MANIFEST}`);
    }
    for (const name of files.keys())
      if (name !== MANIFEST && name !== SIGNATURE && !hashes.has(name))
        failures.push(`${name}: in the pack but not listed in ${MANIFEST}`);
  }

  const packKeyPem = files.get(PUBLIC_KEY)?.toString('utf8');
  if (!trustedPublicKeyPem)
    warnings.push(
      `checked with the pack's own ${PUBLIC_KEY}: pass the cluster's key you trust (--public-key)`,
    );
  const keyPem = trustedPublicKeyPem ?? packKeyPem;
  const key = keyPem === undefined ? `${PUBLIC_KEY}: missing` : publicKeyOf(keyPem);
  if (typeof key === 'string') {
    failures.push(`public key: ${key}`);
    return done(files.size, null);
  }
  const der = key.export({ type: 'spki', format: 'der' });
  if (trustedPublicKeyPem && packKeyPem) {
    const packKey = publicKeyOf(packKeyPem);
    if (typeof packKey === 'string' || !packKey.export({ type: 'spki', format: 'der' }).equals(der))
      failures.push(`${PUBLIC_KEY}: not the public key given`);
  }

  const signature = files.get(SIGNATURE);
  if (!manifest || !signature) failures.push(`${SIGNATURE}: missing`);
  else if (!safeVerify(manifest, key, signature))
    failures.push(`${SIGNATURE}: not a valid Ed25519 signature of ${MANIFEST} by this key`);

  checkProof(files, key.export({ type: 'spki', format: 'pem' }).toString(), failures, warnings);
  return done(files.size, keyFingerprint(der));
}

function safeVerify(message: Buffer, key: KeyObject, signature: Buffer): boolean {
  try {
    return verify(null, message, key, signature);
  } catch {
    return false;
  }
}

function checkProof(
  files: Map<string, Buffer>,
  keyPem: string,
  failures: string[],
  warnings: string[],
): void {
  const raw = files.get(CHAIN_PROOF);
  if (!raw) {
    failures.push(`${CHAIN_PROOF}: missing`);
    return;
  }
  let proof: ChainProof;
  try {
    proof = chainProofSchema.parse(JSON.parse(raw.toString('utf8')));
  } catch {
    failures.push(`${CHAIN_PROOF}: not a chain proof`);
    return;
  }
  const check = checkChainProof(proof, keyPem);
  failures.push(...check.failures.map((failure) => `chain proof: ${failure}`));
  warnings.push(...check.unanchored.map((note) => `chain proof: ${note}`));
  for (const record of proof.records) {
    const name = `records/${record.table}/${record.id}.json`;
    const file = files.get(name);
    const chained = check.latestContent.get(record.id);
    if (!file) failures.push(`${name}: missing`);
    else if (chained !== undefined && recordContent(file) !== chained)
      failures.push(`${name}: the record differs from what the chain recorded last`);
  }
}

/** The canonical JSON of a record file's `record` member (what the chain hashed). */
function recordContent(file: Buffer): string | null {
  try {
    const parsed = JSON.parse(file.toString('utf8')) as { record?: unknown };
    return parsed.record === undefined ? null : canonicalJson(parsed.record);
  } catch {
    return null;
  }
}
