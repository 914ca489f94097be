import { createHash } from 'node:crypto';

export interface SerialSource {
  readonly enterpriseId: string;
  readonly passageId: string;
  readonly direction: 'in' | 'out';
  readonly revision: number;
}

/**
 * The record's platform serial: a pure function of (enterprise, passage, direction, revision), so
 * a redelivered event maps to the same row and the platform sees the same serial on every retry.
 * Hashed because the readable form can exceed the protocol's 64 characters; the `eg` prefix and
 * the revision suffix keep it recognisable in platform logs.
 */
export function deriveSerial(source: SerialSource): string {
  const digest = createHash('sha256')
    .update(`${source.enterpriseId}\n${source.passageId}\n${source.direction}\n${source.revision}`, 'utf8')
    .digest('hex')
    .slice(0, 40);
  return `eg-${digest}-r${source.revision}`;
}
