import { type Algorithm, hash, verify } from '@node-rs/argon2';

// `Algorithm` is an ambient const enum (unusable as a value under isolatedModules): 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;

/**
 * argon2id, m = 19 MiB, t = 2, p = 1 (OWASP's minimum for argon2id): about 37 ms per hash on one
 * core of the development machine, well under the 100 ms budget, so a login costs one core that
 * long and guessing stays expensive.
 */
export const ARGON2_COST = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> =>
  hash(password, { algorithm: ARGON2ID, ...ARGON2_COST });

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// Verified against for unknown usernames, so their refusal takes as long as a wrong password.
let decoy: Promise<string> | undefined;
export async function burnVerifyTime(password: string): Promise<void> {
  decoy ??= hashPassword('decoy-password-never-matches-A1!');
  await verifyPassword(await decoy, password);
}
