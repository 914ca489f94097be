import { type PushAnomaly } from './anpr-push.adapter';

/**
 * Optional vendor values (confidence, sub-second time, offline flag, colour and type codes) vary
 * by vendor and firmware. An odd one is normalised or dropped and recorded in `anomalies` with its
 * raw value; it never refuses a read that carries its plate and pictures.
 */

const rawOf = (value: unknown): string => (JSON.stringify(value) ?? String(value)).slice(0, 32);

const flag = (anomalies: PushAnomaly[], field: string, value: unknown, rule: string): void => {
  anomalies.push({ field, raw: rawOf(value), rule });
};

const numberOf = (value: unknown): number | undefined => {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  // ISAPI XML carries every value as text.
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
};

const toUnit = (value: number, scale: number): number => Math.round((value / scale) * 100) / 100;

/**
 * Camera confidence as 0..1. The documented scale is 0-100 and passes unflagged. Otherwise,
 * flagged: a fraction below 1 is taken as 0..1 already; above 100, the smallest scale seen in the
 * field that holds it (0-255, then 0-1000); beyond 1000 or below 0, clamped; not a number, 0
 * (nothing claimed). No verdict depends on confidence, so a guessed scale cannot open a barrier.
 */
export function confidenceToUnit(field: string, value: unknown, anomalies: PushAnomaly[]): number {
  const n = numberOf(value);
  if (n === undefined) {
    flag(anomalies, field, value, 'not-a-number');
    return 0;
  }
  if (n > 0 && n < 1 && !Number.isInteger(n)) {
    flag(anomalies, field, value, 'read-as-0-1');
    return toUnit(n, 1);
  }
  if (n >= 0 && n <= 100) return toUnit(n, 100);
  for (const scale of [255, 1000]) {
    if (n > 0 && n <= scale) {
      flag(anomalies, field, value, `rescaled-0-${scale}`);
      return toUnit(n, scale);
    }
  }
  flag(anomalies, field, value, 'clamped');
  return n < 0 ? 0 : 1;
}

/**
 * An optional integer within [min, max]; missing gives `undefined`. Anything else gives `undefined`
 * too, flagged with `rule`: what the caller does instead.
 */
export function optionalInt(
  field: string,
  value: unknown,
  range: { readonly min: number; readonly max: number },
  anomalies: PushAnomaly[],
  rule = 'ignored',
): number | undefined {
  if (value === undefined) return undefined;
  if (Number.isSafeInteger(value) && (value as number) >= range.min && (value as number) <= range.max) {
    return value as number;
  }
  flag(anomalies, field, value, rule);
  return undefined;
}

/**
 * A colour or plate-type token as the domain normalisers take it (text or code). Unknown tokens are
 * the normalisers' business (`unknown-colour-token`); a value of another shape is flagged and read as ''.
 */
export function vendorToken(field: string, value: unknown, anomalies: PushAnomaly[]): string | number {
  if (value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number') return value;
  flag(anomalies, field, value, 'ignored');
  return '';
}
