// Vehicle identification numbers (ISO 3779 / GB 16735). Rules: docs/domain-model/plates.md (VIN).
export { computeVinCheckDigit, vinCheckDigitVerdict, type VinCheckDigitVerdict } from './check-digit';
export { modelYearCandidates, pickModelYear } from './model-year';
export { parseVin, type Vin, type VinError, type VinErrorCode } from './parse-vin';
export { normaliseVinText, VIN_LENGTH } from './vin-text';
