import { type EmissionStage, parsePlate, type PlateColour } from '@ecogate/domain';
import { type paths } from '../api/generated/schema';

export const MANUAL_ROUTE = '/api/ledger/v1/enterprises/{enterpriseId}/passages/manual';
export type ManualPassageBody =
  paths[typeof MANUAL_ROUTE]['post']['requestBody']['content']['application/json'];

/** The manual entry form's fields, as typed (the time as the wall clock in Shanghai). */
export interface ManualPassageValues {
  readonly gateId?: string;
  readonly laneId?: string;
  readonly direction?: 'in' | 'out';
  readonly plate?: string;
  readonly colour?: PlateColour;
  /** `YYYY-MM-DDTHH:mm:ss`, read as Asia/Shanghai whatever the browser's zone. */
  readonly capturedAt?: string;
  readonly reason?: string;
  readonly stage?: EmissionStage;
  readonly cargoName?: string;
  readonly cargoTonnes?: number | null;
  readonly fleet?: string;
  readonly note?: string;
}

export type ManualProblem =
  'gate' | 'direction' | 'plate' | 'colour' | 'capturedAt' | 'future' | 'reason' | 'cargo';

/** What the domain says about a typed plate: `undefined` when it is one, else the reason. */
export function plateProblem(raw: string | undefined): string | undefined {
  if (!raw?.trim()) return 'empty';
  const parsed = parsePlate(raw.trim());
  return parsed.ok ? undefined : parsed.error.reason;
}

const GATE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const WALL_CLOCK = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/**
 * The POST body for a passage a camera failed to record, or every field that is wrong. The reason
 * is mandatory; `requestId` makes a retried submission return the passage already entered.
 */
export function manualPassageBody(
  values: ManualPassageValues,
  requestId: string,
  now: Date = new Date(),
): { body: ManualPassageBody } | { problems: ManualProblem[] } {
  const problems: ManualProblem[] = [];
  const gateId = values.gateId?.trim();
  const laneId = values.laneId?.trim();
  const reason = values.reason?.trim();
  const cargoName = values.cargoName?.trim();
  const tonnes = values.cargoTonnes ?? undefined;
  if (!gateId || !GATE.test(gateId)) problems.push('gate');
  if (!values.direction) problems.push('direction');
  if (plateProblem(values.plate) !== undefined) problems.push('plate');
  if (!values.colour) problems.push('colour');
  const capturedAt =
    values.capturedAt && WALL_CLOCK.test(values.capturedAt) ? `${values.capturedAt}+08:00` : undefined;
  if (!capturedAt || Number.isNaN(Date.parse(capturedAt))) problems.push('capturedAt');
  else if (Date.parse(capturedAt) > now.getTime()) problems.push('future');
  if (!reason) problems.push('reason');
  if (tonnes !== undefined && !cargoName) problems.push('cargo');
  if (problems.length > 0 || !gateId || !values.direction || !values.colour || !capturedAt || !reason) {
    return { problems };
  }
  const fleet = values.fleet?.trim();
  const note = values.note?.trim();
  return {
    body: {
      requestId,
      gateId,
      ...(laneId ? { laneId } : {}),
      direction: values.direction,
      plate: (values.plate ?? '').trim(),
      colour: values.colour,
      capturedAt,
      reason,
      ...(values.stage ? { stage: values.stage } : {}),
      ...(cargoName ? { cargo: { name: cargoName, ...(tonnes !== undefined ? { tonnes } : {}) } } : {}),
      ...(fleet ? { fleet } : {}),
      ...(note ? { note } : {}),
    },
  };
}

/**
 * A v4 UUID for the request's idempotency key. `crypto.randomUUID` exists only in secure contexts;
 * a console reached over plain HTTP on a plant's network still has `getRandomValues`.
 */
export function newRequestId(random: Crypto = crypto): string {
  if (typeof random.randomUUID === 'function') return random.randomUUID();
  const bytes = random.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
