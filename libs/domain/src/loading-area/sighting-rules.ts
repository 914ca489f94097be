import { type AlertLevel, isAlert } from '../alert/alert-level';
import { type AdmissionSubject, evaluatePolicy } from '../alert/admission-decision';
import { type EmergencyPlan } from '../alert/emergency-plan';
import { type GateEvent } from '../ledger/passage-pairing';
import { siteDateOf } from '../vehicle/calendar-date';
import {
  type LoadingAreaAnomaly,
  byGateTime,
  lookbackDay,
  lookbackStart,
  type Refusal,
  type Sighting,
} from './loading-area-anomaly';

/** What the ledger knows around one sighting, for the rules to judge it. */
export interface SightingFacts {
  readonly sighting: Sighting;
  /**
   * The plate's gate rows from at least `lookbackStart(sighting.at)` on (rows of other plates and
   * rows outside the window are ignored).
   */
  readonly gateEvents: readonly GateEvent[];
  /** The plate's refused attempts over the same window. */
  readonly refusals: readonly Refusal[];
  /** The alert in force at the sighting, the enterprise's plan and what is known of the vehicle. */
  readonly alert?: {
    readonly level: AlertLevel;
    readonly plan: EmergencyPlan;
    readonly subject: AdmissionSubject;
  };
}

/**
 * Every anomaly one sighting shows (rules 1, 4 and 5 of docs/loading-areas.md):
 * - **seen-without-entry**: the plate's latest gate row at or before the sighting, since the start
 *   of the previous Beijing day, is not an entry (there is none, or the vehicle went out): it came in
 *   another way (a side gate, an entry nobody recorded). An entry before midnight with no exit since
 *   explains a sighting after it (the vehicle stayed).
 * - **refused-seen-inside**: the same, and the gate refused the plate in that window, after its last
 *   entry: it came in anyway. Reported instead of seen-without-entry (it says more).
 * - **below-minimum-stage-during-alert**: during an alert, the plan's strictest requirement for the
 *   vehicle is certainly not met (as at the gate: an unknown stage or an unconfirmed sub-stage is no
 *   anomaly, an exemption clears it).
 * Pure; only `sighting.plate`'s rows count.
 */
export function judgeSighting(facts: SightingFacts): LoadingAreaAnomaly[] {
  const { sighting } = facts;
  const from = lookbackStart(sighting.at).getTime();
  const within = (at: Date): boolean => at.getTime() >= from && at.getTime() <= sighting.at.getTime();
  const rows = facts.gateEvents.filter((e) => e.plate === sighting.plate && within(e.at)).sort(byGateTime);
  const last = rows.at(-1);
  const lastEntry = rows.filter((e) => e.direction === 'entry').at(-1);
  const anomalies: LoadingAreaAnomaly[] = [];
  const base = { plate: sighting.plate, at: sighting.at, sightingId: sighting.id };
  const day = siteDateOf(sighting.at);

  if (last?.direction !== 'entry') {
    const refusals = facts.refusals
      .filter(
        (r) =>
          r.plate === sighting.plate &&
          within(r.at) &&
          (lastEntry === undefined || r.at.getTime() > lastEntry.at.getTime()),
      )
      .sort((a, b) => a.at.getTime() - b.at.getTime());
    const latestRefusal = refusals.at(-1);
    const passageIds = last ? [last.id] : [];
    const searchedFrom = lookbackDay(sighting.at);
    const whyNoEntry = last
      ? `its last gate row (${last.id}) is an exit`
      : `no gate row since ${searchedFrom} (Beijing)`;
    anomalies.push(
      latestRefusal
        ? {
            ...base,
            kind: 'refused-seen-inside',
            key: `${sighting.plate}|${day}|${latestRefusal.id}`,
            passageIds,
            refusalIds: refusals.map((r) => r.id),
            searchedFrom,
            reason: `refused at the gate, then seen in a loading area: ${whyNoEntry}`,
          }
        : {
            ...base,
            kind: 'seen-without-entry',
            key: `${sighting.plate}|${day}|${last?.id ?? 'no-gate-row'}`,
            passageIds,
            refusalIds: [],
            searchedFrom,
            reason: `seen in a loading area with no entry before it: ${whyNoEntry}`,
          },
    );
  }

  const alert = facts.alert;
  if (alert && isAlert(alert.level)) {
    const outcome = evaluatePolicy(alert.plan, alert.level, alert.subject, sighting.at);
    if (outcome.reason === 'stage-below-minimum') {
      anomalies.push({
        ...base,
        kind: 'below-minimum-stage-during-alert',
        key: `${sighting.plate}|${day}|${lastEntry?.id ?? 'no-entry'}`,
        passageIds: lastEntry ? [lastEntry.id] : [],
        refusalIds: [],
        reason:
          `seen in a loading area during a ${alert.level} alert: stage ${outcome.evidence.stage} ` +
          `is below the minimum ${outcome.requirement.minimum} (${outcome.requirement.id})`,
      });
    }
  }
  return anomalies;
}
