import { type Algorithm, hash, verify } from '@node-rs/argon2';

// `Algorithm` is an ambient const enum (unusable as a value under isolatedModules): 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;

/**
 * argon2id, m = 46 MiB, t = 2, p = 1 (twice OWASP's m = 46 MiB, t = 1 work): about 25 ms per hash
 * on one core of the development machine when quiet (≈ 12 ms for m = 19 MiB, 42 ms for 64 MiB),
 * well under the 100 ms budget even when the machine is shared. Hashes run on libuv's 4 worker
 * threads, so logins in flight hold at most 4 × 46 MiB. The PHC string records the cost, so
 * raising it later leaves existing hashes verifiable.
 */
export const ARGON2_COST = { memoryCost: 47_104, timeCost: 2, parallelism: 1 } as const;

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
