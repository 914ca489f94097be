import { type PassageCompletion } from './types';

/** The completion form's fields, as typed. */
export interface CompletionValues {
  readonly cargoName?: string;
  readonly cargoTonnes?: number | null;
  readonly fleet?: string;
}

export type CompletionProblem = 'complete.needOne' | 'complete.cargoRequired';

/**
 * The PATCH body for what the clerk typed, carrying the revision they saw (the service refuses
 * with 409 `revision-conflict` if the passage changed since), or what is wrong with the input.
 */
export function completionBody(
  values: CompletionValues,
  revision: number,
): { body: PassageCompletion } | { problem: CompletionProblem } {
  const name = values.cargoName?.trim();
  const fleet = values.fleet?.trim();
  const tonnes = values.cargoTonnes ?? undefined;
  if (tonnes !== undefined && !name) return { problem: 'complete.cargoRequired' };
  if (!name && !fleet) return { problem: 'complete.needOne' };
  return {
    body: {
      ...(name ? { cargo: { name, ...(tonnes !== undefined ? { tonnes } : {}) } } : {}),
      ...(fleet ? { fleet } : {}),
      expectedRevision: revision,
    },
  };
}
