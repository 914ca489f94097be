import { err, ok, type DomainError, type Result } from '../shared/result';
import { type EmissionStage } from './emission-stage';

/**
 * The 1-character stage code of the 2020 guide's ledger tables: `0`–`6` for 国0–国6, `D` for
 * electric, `X` for machinery without a stage. Sub-stages 6a/6b fold into `6`; they stay internal.
 */
export type StageExportCode = '0' | '1' | '2' | '3' | '4' | '5' | '6' | 'D' | 'X';

export function toStageExportCode(stage: EmissionStage): StageExportCode {
  switch (stage) {
    case 'none':
      return 'X';
    case '0':
      return '0';
    case 'I':
      return '1';
    case 'II':
      return '2';
    case 'III':
      return '3';
    case 'IV':
      return '4';
    case 'V':
      return '5';
    case 'VI':
    case 'VIa':
    case 'VIb':
      return '6';
    case 'electric':
      return 'D';
  }
}

const FROM_CODE: Readonly<Record<string, EmissionStage>> = {
  X: 'none',
  '0': '0',
  '1': 'I',
  '2': 'II',
  '3': 'III',
  '4': 'IV',
  '5': 'V',
  '6': 'VI',
  D: 'electric',
};

export type StageCodeError = DomainError<'unknown-stage-code' | 'bad-disclosure-number'>;

/** Reads an export code back; `6` gives `VI` because the sub-stage is not in the code. */
export function fromStageExportCode(code: string): Result<EmissionStage, StageCodeError> {
  const stage = FROM_CODE[code.trim().toUpperCase()];
  return stage === undefined
    ? err({ code: 'unknown-stage-code', reason: `"${code}" is not a ledger stage code (0–6, D, X)` })
    : ok(stage);
}

/** NRMM information-disclosure numbers are 24 characters long (domain.md §2 C). */
export const NRMM_DISCLOSURE_NUMBER_LENGTH = 24;

/**
 * The stage carried by characters 5–6 of an NRMM information-disclosure number (`G3` = 国三,
 * domain.md §2 C). Only `G` + a digit 1–6 is read; anything else is refused rather than guessed.
 */
export function stageFromNrmmDisclosureNumber(
  disclosureNumber: string,
): Result<EmissionStage, StageCodeError> {
  const text = disclosureNumber.trim().toUpperCase();
  const marker = text.slice(4, 6);
  const digit = /^G([1-6])$/.exec(marker)?.[1];
  if (text.length !== NRMM_DISCLOSURE_NUMBER_LENGTH || digit === undefined) {
    return err({
      code: 'bad-disclosure-number',
      reason: `expected ${NRMM_DISCLOSURE_NUMBER_LENGTH} characters with G1–G6 at positions 5–6, got "${disclosureNumber}"`,
    });
  }
  return fromStageExportCode(digit);
}
