import { type EmissionStage, parsePlate, type PlateColour } from '@ecogate/domain';
import { type paths } from '../api/generated/schema';

export const RESOLUTION_ROUTE =
  '/api/ledger/v1/enterprises/{enterpriseId}/review-items/{passageId}/resolution';
export type ResolutionBody =
  paths[typeof RESOLUTION_ROUTE]['post']['requestBody']['content']['application/json'];

/** The review form's fields, as the reviewer typed them. */
export interface ReviewValues {
  readonly plate?: string;
  readonly colour?: PlateColour;
  readonly stage?: EmissionStage | null;
  readonly note?: string;
}

export type ReviewProblem = { readonly field: 'plate'; readonly reason: string };

/** The plate's canonical text, or why it is not a plate (the domain's reason). */
export function checkPlate(raw: string | undefined): { text: string } | { reason: string } {
  if (!raw?.trim()) return { reason: 'empty' };
  const parsed = parsePlate(raw.trim());
  return parsed.ok ? { text: parsed.value.text } : { reason: parsed.error.reason };
}

/**
 * The resolution the reviewer sends: the plate as they read it on the photos (the same text
 * confirms the read), its colour, optionally the stage they determined and a note, on the
 * `revision` they saw — another change since then is refused with 409 `revision-conflict`.
 */
export function resolutionBody(
  values: ReviewValues,
  revision: number,
): { body: ResolutionBody } | { problem: ReviewProblem } {
  const plate = checkPlate(values.plate);
  if ('reason' in plate) return { problem: { field: 'plate', reason: plate.reason } };
  const note = values.note?.trim();
  return {
    body: {
      plate: plate.text,
      ...(values.colour ? { colour: values.colour } : {}),
      ...(values.stage ? { stage: values.stage } : {}),
      ...(note ? { note } : {}),
      revision,
    },
  };
}

/** Whether the reviewer changed what the ledger holds (a correction) or confirms it as read. */
export function isCorrection(
  values: ReviewValues,
  current: { plate: string; plateColour: string; stage: string | null },
): boolean {
  const plate = checkPlate(values.plate);
  const typed = 'text' in plate ? plate.text : (values.plate ?? '').trim().toUpperCase();
  return (
    typed !== current.plate ||
    (values.colour !== undefined && values.colour !== current.plateColour) ||
    (values.stage != null && values.stage !== current.stage)
  );
}
