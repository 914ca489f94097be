import { readFileSync } from 'node:fs';
import { type PackVerification, verifyPack } from './verify-pack';

export class VerifyPackUsageError extends Error {
  constructor(message: string) {
    super(`${message}\nusage: main.ts --verify-pack <pack.zip> [--public-key <cluster-key.pem>]`);
    this.name = 'VerifyPackUsageError';
  }
}

/** `--verify-pack <pack.zip> [--public-key <pem>]` from the command line. */
export function verifyPackArguments(argv: readonly string[]): { pack: string; publicKey?: string } {
  const valueOf = (flag: string): string | undefined => {
    const at = argv.indexOf(flag);
    if (at < 0) return undefined;
    const value = argv[at + 1];
    if (!value || value.startsWith('--')) throw new VerifyPackUsageError(`${flag} needs a file`);
    return value;
  };
  const pack = valueOf('--verify-pack');
  if (!pack) throw new VerifyPackUsageError('--verify-pack needs a file');
  const publicKey = valueOf('--public-key');
  return { pack, ...(publicKey ? { publicKey } : {}) };
}

/** What a person reads: the verdict first, then every reason. */
export function describeVerification(file: string, result: PackVerification): string {
  return [
    `${result.ok ? 'VERIFIED' : 'NOT VERIFIED'}: ${file}`,
    `  sha256 ${result.sha256}, ${result.files} files, key ${result.keyFingerprint ?? 'none'}`,
    ...result.failures.map((failure) => `  FAIL ${failure}`),
    ...result.warnings.map((warning) => `  note ${warning}`),
  ].join('\n');
}

/** Runs the offline verification (no database, no network); resolves the exit code: 0 verified, 1 not. */
export function verifyPackCommand(
  argv: readonly string[],
  print: (text: string) => void = console.log,
): number {
  const { pack, publicKey } = verifyPackArguments(argv);
  const result = verifyPack(readFileSync(pack), publicKey ? readFileSync(publicKey, 'utf8') : undefined);
  print(describeVerification(pack, result));
  return result.ok ? 0 : 1;
}
