/**
 * A passage is an entry/exit pair (domain.md §2). Unpaired entries and exits are normal states to
 * show, not errors: the vehicle is still inside, or a camera missed one of the two events.
 */
export type PassageState = 'inside' | 'completed' | 'exit-without-entry' | 'entry-without-exit';

export interface GateEvent {
  readonly id: string;
  /** Normalised plate text: events pair by exact plate. */
  readonly plate: string;
  readonly direction: 'entry' | 'exit';
  readonly at: Date;
}

export interface Passage {
  readonly plate: string;
  readonly state: PassageState;
  readonly entry?: GateEvent;
  readonly exit?: GateEvent;
}

/**
 * The state of one record from the events it holds. A lone entry is `inside`: whether it was
 * superseded by a later entry (`entry-without-exit`) needs the plate's history, see `pairPassages`.
 */
export function passageState(
  entry: GateEvent | undefined,
  exit: GateEvent | undefined,
): PassageState | undefined {
  if (entry && exit) return 'completed';
  if (entry) return 'inside';
  if (exit) return 'exit-without-entry';
  return undefined;
}

/** Entries before exits at the same instant, so a simultaneous pair still pairs. */
const byTime = (a: GateEvent, b: GateEvent): number =>
  a.at.getTime() - b.at.getTime() || (a.direction === b.direction ? 0 : a.direction === 'entry' ? -1 : 1);

/**
 * Pairs each plate's events in time order: an exit closes the open entry; an exit with none open
 * is `exit-without-entry`; a second entry while one is open leaves the first as
 * `entry-without-exit` (the vehicle left unseen); an entry open at the end is `inside`.
 * Passages come back in order of their first event.
 */
export function pairPassages(events: readonly GateEvent[]): Passage[] {
  const byPlate = new Map<string, GateEvent[]>();
  for (const event of events) byPlate.set(event.plate, [...(byPlate.get(event.plate) ?? []), event]);

  const passages: { passage: Passage; start: number }[] = [];
  const add = (first: GateEvent, passage: Passage): void => {
    passages.push({ passage, start: first.at.getTime() });
  };
  for (const [plate, plateEvents] of byPlate) {
    let open: GateEvent | undefined;
    for (const event of [...plateEvents].sort(byTime)) {
      if (event.direction === 'entry') {
        if (open) add(open, { plate, state: 'entry-without-exit', entry: open });
        open = event;
      } else if (open) {
        add(open, { plate, state: 'completed', entry: open, exit: event });
        open = undefined;
      } else {
        add(event, { plate, state: 'exit-without-entry', exit: event });
      }
    }
    if (open) add(open, { plate, state: 'inside', entry: open });
  }
  return passages.sort((a, b) => a.start - b.start).map(({ passage }) => passage);
}
