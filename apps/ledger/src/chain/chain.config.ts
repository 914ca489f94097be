import { existsSync } from 'node:fs';
import { z } from 'zod';
import { type ChainSigner, chainSignerFromFile } from './chain-signing';

/** The environment of the hash chain's daily roots (docs/ledger.md, Hash chain). */
export const chainEnv = {
  /** The cluster's Ed25519 private key (PKCS8 PEM) that signs daily roots; without it no root is signed. */
  LEDGER_CHAIN_SIGNING_KEY_FILE: z
    .string()
    .min(1)
    .refine((path) => existsSync(path), { message: 'no such file' })
    .optional(),
  LEDGER_CHAIN_SIGNING_KEY_ID: z
    .string()
    .regex(/^[\w.-]{1,64}$/)
    .default('ledger-chain-1'),
  /** How often the service signs the roots of closed days; 0 turns the job off. */
  LEDGER_CHAIN_ROOTS_INTERVAL_MS: z.coerce.number().int().min(0).default(3_600_000),
};

export interface ChainConfig {
  /** Absent: no key configured, roots are neither signed nor checkable. */
  readonly signer?: ChainSigner;
  readonly rootsIntervalMs: number;
}

export function chainConfig(env: z.infer<z.ZodObject<typeof chainEnv>>): ChainConfig {
  return {
    ...(env.LEDGER_CHAIN_SIGNING_KEY_FILE
      ? { signer: chainSignerFromFile(env.LEDGER_CHAIN_SIGNING_KEY_FILE, env.LEDGER_CHAIN_SIGNING_KEY_ID) }
      : {}),
    rootsIntervalMs: env.LEDGER_CHAIN_ROOTS_INTERVAL_MS,
  };
}
