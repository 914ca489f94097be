import { meter } from '@ecogate/telemetry';
import { type LedgerFailure } from './ledger-http.client';

/** What a ledger lookup was for. */
export type LedgerLookup = 'vehicle' | 'alert-level' | 'emergency-plan';

/** Counts lookups that fell back to the fail-safe, so operators see a ledger outage at the gate. */
export interface LedgerLookupMetrics {
  unavailable(lookup: LedgerLookup, failure: LedgerFailure): void;
}

const unavailableTotal = meter('barrier-control').createCounter('barrier_ledger_unavailable_total', {
  description: 'Ledger lookups that failed and fell back to the fail-safe, by lookup and failure',
});

export const otelLedgerLookupMetrics: LedgerLookupMetrics = {
  unavailable: (lookup, failure) => unavailableTotal.add(1, { lookup, failure }),
};
