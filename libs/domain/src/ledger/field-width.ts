import { err, ok, type Result } from '../shared/result';

/**
 * What to do with a value longer than its column: identifiers are refused, because a shortened
 * plate, VIN or code names something else and the enterprise answers for the data's accuracy
 * (domain.md §1); descriptions are shortened, because a shortened cargo or fleet name stays true
 * and an upload should not fail for it.
 */
export type OverflowPolicy = 'reject' | 'truncate';

export interface FieldWidth {
  readonly width: number;
  readonly overflow: OverflowPolicy;
}

/** Column widths of the 2020 guide's tables (domain.md §2), in characters. */
export const LEDGER_FIELD_WIDTHS = {
  plateNumber: { width: 10, overflow: 'reject' },
  vin: { width: 17, overflow: 'reject' },
  engineNumber: { width: 32, overflow: 'reject' },
  registrationOrInternalNumber: { width: 32, overflow: 'reject' },
  environmentalRegistrationCode: { width: 32, overflow: 'reject' },
  machineCode: { width: 64, overflow: 'reject' },
  cargoName: { width: 32, overflow: 'truncate' },
  fleetName: { width: 100, overflow: 'truncate' },
} as const satisfies Readonly<Record<string, FieldWidth>>;

export type WidthField = keyof typeof LEDGER_FIELD_WIDTHS;

export interface Fitted {
  readonly value: string;
  readonly truncated: boolean;
}

/**
 * Fits a value to its column, counting Unicode characters (a Chinese character is one; whether a
 * platform counts GBK bytes instead is not known, see docs/domain-model.md).
 */
export function fitWidth(field: WidthField, raw: string): Result<Fitted, { width: number; length: number }> {
  const { width, overflow } = LEDGER_FIELD_WIDTHS[field];
  const chars = Array.from(raw.trim());
  if (chars.length <= width) return ok({ value: chars.join(''), truncated: false });
  if (overflow === 'reject') return err({ width, length: chars.length });
  return ok({ value: chars.slice(0, width).join(''), truncated: true });
}
