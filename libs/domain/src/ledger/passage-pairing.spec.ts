import { pairPassages, passageState, type GateEvent, type PassageState } from './passage-pairing';

const event = (id: string, plate: string, direction: 'entry' | 'exit', time: string): GateEvent => ({
  id,
  plate,
  direction,
  at: new Date(`2024-03-05T${time}:00+08:00`),
});

const summary = (events: GateEvent[]): [string, PassageState, string | undefined, string | undefined][] =>
  pairPassages(events).map((p) => [p.plate, p.state, p.entry?.id, p.exit?.id]);

describe('passageState', () => {
  const entry = event('e', 'A', 'entry', '08:00');
  const exit = event('x', 'A', 'exit', '09:00');
  it.each<[GateEvent | undefined, GateEvent | undefined, PassageState | undefined]>([
    [entry, exit, 'completed'],
    [entry, undefined, 'inside'],
    [undefined, exit, 'exit-without-entry'],
    [undefined, undefined, undefined],
  ])('entry %p, exit %p → %p', (e, x, state) => {
    expect(passageState(e, x)).toBe(state);
  });
});

describe('pairPassages (domain.md §2: unpaired events are states, not errors)', () => {
  it.each<[string, GateEvent[], ReturnType<typeof summary>]>([
    [
      'an entry then an exit',
      [event('1', 'A', 'entry', '08:00'), event('2', 'A', 'exit', '09:00')],
      [['A', 'completed', '1', '2']],
    ],
    ['an entry only: still inside', [event('1', 'A', 'entry', '08:00')], [['A', 'inside', '1', undefined]]],
    ['an exit only', [event('1', 'A', 'exit', '08:00')], [['A', 'exit-without-entry', undefined, '1']]],
    [
      'two entries: the first left unseen',
      [
        event('1', 'A', 'entry', '08:00'),
        event('2', 'A', 'entry', '10:00'),
        event('3', 'A', 'exit', '11:00'),
      ],
      [
        ['A', 'entry-without-exit', '1', undefined],
        ['A', 'completed', '2', '3'],
      ],
    ],
    [
      'events out of order are sorted by time',
      [event('2', 'A', 'exit', '09:00'), event('1', 'A', 'entry', '08:00')],
      [['A', 'completed', '1', '2']],
    ],
    [
      'an entry and an exit at the same instant pair',
      [event('2', 'A', 'exit', '08:00'), event('1', 'A', 'entry', '08:00')],
      [['A', 'completed', '1', '2']],
    ],
    [
      '…in either input order',
      [event('1', 'A', 'entry', '08:00'), event('2', 'A', 'exit', '08:00')],
      [['A', 'completed', '1', '2']],
    ],
    [
      'plates pair separately, passages ordered by their first event',
      [
        event('1', 'A', 'entry', '08:00'),
        event('2', 'B', 'exit', '07:00'),
        event('3', 'B', 'entry', '08:30'),
        event('4', 'A', 'exit', '09:00'),
        event('5', 'A', 'entry', '10:00'),
        event('6', 'A', 'entry', '10:00'),
      ],
      [
        ['B', 'exit-without-entry', undefined, '2'],
        ['A', 'completed', '1', '4'],
        ['B', 'inside', '3', undefined],
        ['A', 'entry-without-exit', '5', undefined],
        ['A', 'inside', '6', undefined],
      ],
    ],
    ['nothing', [], []],
  ])('%s', (_case, events, expected) => {
    expect(summary(events)).toEqual(expected);
  });
});
