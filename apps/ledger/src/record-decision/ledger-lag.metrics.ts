import { meter } from '@ecogate/telemetry';
import { type RecordDecisionOutcome } from './record-decision.service';

const ledgerLag = meter('ledger').createHistogram('ledger_intake_lag_seconds', {
  description:
    'From the barrier decision to its ledger row committed (passage or refusal), by outcome: how far ' +
    'the ledger trails the gates; it grows while a backlog drains',
  unit: 's',
  advice: { explicitBucketBoundaries: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600] },
});

/** Seconds the ledger trails a decision it just recorded; `undefined` for a redelivery (nothing new). */
export function ledgerLagSeconds(
  decidedAt: string,
  outcome: RecordDecisionOutcome,
  recordedAt: Date,
): number | undefined {
  if (outcome === 'duplicate-event' || outcome === 'already-recorded') return undefined;
  const seconds = (recordedAt.getTime() - Date.parse(decidedAt)) / 1000;
  // A decision stamped ahead of this clock is skew between hosts, not a lag: counted as none.
  return Number.isFinite(seconds) ? Math.max(0, seconds) : undefined;
}

/** The ledger lag of one decision, on the Grafana dashboard's ledger intake row. */
export function recordLedgerLag(decidedAt: string, outcome: RecordDecisionOutcome, recordedAt: Date): void {
  const seconds = ledgerLagSeconds(decidedAt, outcome, recordedAt);
  if (seconds !== undefined) ledgerLag.record(seconds, { outcome });
}
