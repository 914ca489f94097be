import { type GateEvent } from '../ledger/passage-pairing';
import { type LoadingAreaAnomaly, byGateTime, lookbackDay, lookbackStart } from './loading-area-anomaly';

/**
 * Rule 2 (docs/loading-areas.md), **entry-without-exit**: an entry with no exit of the plate within
 * `maxStayMs` after it, judged once `now` is past that deadline. Decided only by rows within the
 * deadline, so a scan that runs late judges the same as one on time, and an exit that comes after
 * the deadline does not undo the anomaly. `events`: the plate's rows from the entry to its deadline
 * (others are ignored). Null while the deadline is ahead or when an exit came in time.
 */
export function judgeEntry(
  entry: GateEvent,
  events: readonly GateEvent[],
  maxStayMs: number,
  now: Date,
): LoadingAreaAnomaly | null {
  if (entry.direction !== 'entry') throw new RangeError(`gate row ${entry.id} is not an entry`);
  if (!(maxStayMs > 0)) throw new RangeError(`the longest stay must be positive, not ${maxStayMs}`);
  const deadline = entry.at.getTime() + maxStayMs;
  if (now.getTime() < deadline) return null;
  const exited = events.some(
    (e) =>
      e.plate === entry.plate &&
      e.direction === 'exit' &&
      e.at.getTime() >= entry.at.getTime() &&
      e.at.getTime() <= deadline,
  );
  if (exited) return null;
  const hours = Math.round((maxStayMs / 3_600_000) * 10) / 10;
  return {
    kind: 'entry-without-exit',
    key: entry.id,
    plate: entry.plate,
    at: new Date(deadline),
    passageIds: [entry.id],
    refusalIds: [],
    reason: `entered at ${entry.at.toISOString()} and no exit within ${hours} h`,
  };
}

/**
 * Rule 3, **exit-without-entry**: the plate's latest gate row before an exit, since the start of the
 * previous Beijing day, is not an entry (there is none, or it is another exit): the vehicle came in
 * unrecorded. `events`: the plate's rows over that window (others are ignored).
 */
export function judgeExit(exit: GateEvent, events: readonly GateEvent[]): LoadingAreaAnomaly | null {
  if (exit.direction !== 'exit') throw new RangeError(`gate row ${exit.id} is not an exit`);
  const from = lookbackStart(exit.at).getTime();
  const before = events
    .filter(
      (e) =>
        e.plate === exit.plate &&
        e.id !== exit.id &&
        e.at.getTime() >= from &&
        // An entry at the same instant came first (as `pairPassages` orders them); an exit did not.
        (e.at.getTime() < exit.at.getTime() ||
          (e.at.getTime() === exit.at.getTime() && e.direction === 'entry')),
    )
    .sort(byGateTime);
  const last = before.at(-1);
  if (last?.direction === 'entry') return null;
  const searchedFrom = lookbackDay(exit.at);
  return {
    kind: 'exit-without-entry',
    key: exit.id,
    plate: exit.plate,
    at: exit.at,
    passageIds: last ? [exit.id, last.id] : [exit.id],
    refusalIds: [],
    searchedFrom,
    reason: last
      ? `went out at ${exit.at.toISOString()} after another exit (${last.id}) with no entry between`
      : `went out at ${exit.at.toISOString()} with no entry since ${searchedFrom} (Beijing)`,
  };
}
