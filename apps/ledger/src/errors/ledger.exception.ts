/** Failure codes of the ledger API; mapped to HTTP only at the edge (its `*_ERROR_STATUS` table). */
export type LedgerErrorCode =
  | 'invalid-request'
  | 'invalid-enterprise-id'
  | 'passage-not-found'
  | 'vehicle-not-found'
  | 'emergency-plan-not-found'
  | 'invalid-plan'
  | 'below-retention-floor'
  | 'above-retention-ceiling'
  | 'document-not-found'
  | 'in-plant-vehicle-not-found'
  | 'machinery-not-found'
  | 'document-too-large'
  | 'unsupported-document-type'
  | 'revision-conflict'
  | 'photo-not-found'
  | 'tamper-episode-not-found'
  | 'review-item-not-found'
  | 'invalid-plate'
  | 'stage-required'
  | 'site-required'
  | 'captured-in-future'
  | 'captured-before-retention-floor'
  | 'request-id-reused'
  | 'inspection-not-found'
  | 'inspection-item-not-found'
  | 'inspection-closed'
  | 'evidence-pack-not-found'
  | 'report-font-missing'
  | 'chain-key-not-configured'
  | 'stage-lookup-off'
  | 'no-lookup-key'
  | 'document-read-not-found'
  | 'document-read-not-awaiting'
  | 'invalid-vin'
  | 'invalid-registration-date'
  | 'stage-review-not-found'
  | 'stage-review-not-open';

export class LedgerException extends Error {
  constructor(
    readonly code: LedgerErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LedgerException';
  }
}

/** The HTTP status of each code, at the edge (`CodedErrorFilter`). */
export const LEDGER_ERROR_STATUS: Readonly<Record<LedgerErrorCode, number>> = {
  'invalid-request': 400,
  'invalid-enterprise-id': 400,
  'passage-not-found': 404,
  'vehicle-not-found': 404,
  'emergency-plan-not-found': 404,
  'invalid-plan': 400,
  'below-retention-floor': 400,
  'above-retention-ceiling': 400,
  'document-not-found': 404,
  'in-plant-vehicle-not-found': 404,
  'machinery-not-found': 404,
  'document-too-large': 413,
  'unsupported-document-type': 415,
  'revision-conflict': 409,
  'photo-not-found': 404,
  'tamper-episode-not-found': 404,
  'review-item-not-found': 404,
  'invalid-plate': 400,
  'stage-required': 400,
  'site-required': 400,
  'captured-in-future': 400,
  'captured-before-retention-floor': 400,
  'request-id-reused': 409,
  'inspection-not-found': 404,
  'inspection-item-not-found': 404,
  'inspection-closed': 409,
  'evidence-pack-not-found': 404,
  // The ledger is not set up for reports or packs (a font, the chain key): the operator's to fix.
  'report-font-missing': 503,
  'chain-key-not-configured': 503,
  // No stage-lookup source configured (LEDGER_STAGE_LOOKUP_URL): the operator's to set up.
  'stage-lookup-off': 503,
  'no-lookup-key': 409,
  // Vehicle documents read by plate recognition, and vehicles whose stage evidence disagrees.
  'document-read-not-found': 404,
  'document-read-not-awaiting': 409,
  'invalid-vin': 400,
  'invalid-registration-date': 400,
  'stage-review-not-found': 404,
  'stage-review-not-open': 409,
};
