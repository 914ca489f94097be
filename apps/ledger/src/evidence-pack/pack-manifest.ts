import { createHash } from 'node:crypto';
import { type ZipEntry } from './canonical-zip';

/** The manifest and its signature: every other file of the pack is listed in the manifest. */
export const MANIFEST = 'SHA256SUMS';
export const SIGNATURE = 'SHA256SUMS.sig';
export const PUBLIC_KEY = 'chain/public-key.pem';
export const CHAIN_PROOF = 'chain/proof.json';

export const sha256Hex = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

/** `sha256sum` text mode lines (`<hex>  <name>`), sorted by name: `sha256sum -c SHA256SUMS` checks them. */
export function manifestOf(entries: readonly ZipEntry[]): string {
  return [...entries]
    .filter((entry) => entry.name !== MANIFEST && entry.name !== SIGNATURE)
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((entry) => `${sha256Hex(entry.data)}  ${entry.name}\n`)
    .join('');
}

const LINE = /^([0-9a-f]{64}) {2}(\S+)$/;

/** The manifest's lines as hash by name; malformed lines are named, not skipped. */
export function parseManifest(text: string): { hashes: Map<string, string>; problems: string[] } {
  const hashes = new Map<string, string>();
  const problems: string[] = [];
  if (!text.endsWith('\n')) problems.push(`${MANIFEST}: does not end with a newline`);
  text
    .split('\n')
    .slice(0, -1)
    .forEach((line, index) => {
      const [, hash, name] = LINE.exec(line) ?? [];
      if (hash === undefined || name === undefined)
        problems.push(`${MANIFEST} line ${index + 1}: not "<sha256>  <file>"`);
      else if (hashes.has(name)) problems.push(`${MANIFEST}: ${name} listed twice`);
      else hashes.set(name, hash);
    });
  return { hashes, problems };
}

/** SHA-256 of the key's SubjectPublicKeyInfo (DER), hex in groups of four: what a person compares by eye. */
export function keyFingerprint(spkiDer: Buffer): string {
  return sha256Hex(spkiDer).replace(/(.{4})(?!$)/g, '$1:');
}
