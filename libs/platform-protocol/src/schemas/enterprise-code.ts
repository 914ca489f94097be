import { z } from 'zod';

// HJ 608-2017 code of a pollutant-discharge unit's fixed source (排污单位编码), 22 characters:
// - 1-18: the unified social credit code (GB 32100: digits and capitals without I, O, S, V, Z);
//   a unit without one uses `H9` + 6-digit division code + 9-character organisation code or
//   `0000` + 5-digit number + one lower-case letter (no i, o);
// - 19-21: sequence number of the fixed source within the unit;
// - 22: identifier/check character (`P` in the standard's examples).
// Shape only: the credit code's check character is not recomputed, since platforms do not either.
const CREDIT_CODE = '[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}';
const WITHOUT_CREDIT_CODE = 'H9\\d{6}[0-9A-Z]{9}[a-hj-np-z]';
export const ENTERPRISE_CODE_PATTERN = new RegExp(
  `^(?:${CREDIT_CODE}|${WITHOUT_CREDIT_CODE})\\d{3}[0-9A-Z]$`,
);

export const enterpriseCodeSchema = z
  .string({ error: 'must be a string' })
  .regex(
    ENTERPRISE_CODE_PATTERN,
    'must be an HJ 608 pollutant-discharge unit code: 18-character credit code + 3 digits + 1 character',
  );
