import { positiveInt } from '@ecogate/config';
import { type z } from 'zod';

/** `GET known-plates`: how far back a site's trusted passages count (docs/ledger.md, "Known plates"). */
export const knownPlatesEnv = {
  /** Plates of trusted passages at the site within this many days are known there. */
  LEDGER_KNOWN_PLATES_DAYS: positiveInt(30),
};

export interface KnownPlatesSettings {
  readonly windowDays: number;
}

export const DEFAULT_KNOWN_PLATES: KnownPlatesSettings = { windowDays: 30 };

export function knownPlatesConfig(env: z.infer<z.ZodObject<typeof knownPlatesEnv>>): KnownPlatesSettings {
  return { windowDays: env.LEDGER_KNOWN_PLATES_DAYS };
}
