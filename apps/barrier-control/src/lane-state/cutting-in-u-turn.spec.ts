import { type LaneRef } from '@ecogate/contracts';
import { type LaneMode } from '@ecogate/domain';
import {
  crossingOutcome,
  initialLaneState,
  type LaneEvent,
  type LaneState,
  type LaneViolation,
  transition,
} from './lane-state-machine';
import { LaneStates } from './lane-states';
import { checkReversing, emptyReversingMemory, type GateRead, recordCrossing } from './reversing-detector';

const T0 = new Date('2024-12-01T08:00:00Z');
const at = (s: number) => new Date(T0.getTime() + s * 1000);
const read = (plate: string, s: number, captureId = `cap-${plate}-${s}`): LaneEvent => ({
  type: 'vehicle-read',
  plate,
  captureId,
  readId: `read-${captureId}`,
  at: at(s),
});
const decided = (plate: string, s: number, verdict: 'allow' | 'deny' | 'needs-review'): LaneEvent => ({
  type: 'decided',
  captureId: `cap-${plate}-${s}`,
  decisionId: `dec-${plate}-${s}`,
  verdict,
});
const manual = (verdict: 'allow' | 'deny', s: number): LaneEvent => ({
  type: 'manual',
  decisionId: `m-${s}`,
  verdict,
  at: at(s),
});
const opened = (s: number): LaneEvent => ({ type: 'barrier-opened', at: at(s) });
const options = { openCycleMs: 15_000, cutInWindowMs: 30_000 };

function run(mode: LaneMode, events: readonly LaneEvent[]) {
  let state: LaneState = initialLaneState(mode);
  const violations: LaneViolation[] = [];
  for (const event of events) {
    const t = transition(state, event, options);
    state = t.state;
    violations.push(...t.violations);
  }
  return { state, violations, kinds: violations.map((v) => [v.kind, v.plate]) };
}

describe('cutting in: another vehicle read between a vehicle’s read and its barrier cycle', () => {
  it.each<[string, LaneMode, LaneEvent[], (string | undefined)[][]]>([
    ['while the first waits for its decision', 'auto', [read('A', 0), read('B', 3)], [['cutting-in', 'B']]],
    [
      'while the first waits for a person (needs-review)',
      'auto',
      [read('A', 0), decided('A', 0, 'needs-review'), read('B', 20)],
      [['cutting-in', 'B']],
    ],
    [
      'while the first is allowed but its open command failed',
      'auto',
      [read('A', 0), decided('A', 0, 'allow'), { type: 'command-failed' }, read('B', 10)],
      [['cutting-in', 'B']],
    ],
    ['on the window’s edge (30 s)', 'auto', [read('A', 0), read('B', 30)], [['cutting-in', 'B']]],
    [
      'on a closed lane, before the first is refused',
      'closed',
      [read('A', 0), read('B', 2)],
      [['cutting-in', 'B']],
    ],
  ])('%s', (_case, mode, events, expected) => {
    expect(run(mode, events).kinds).toEqual(expected);
  });

  it('the vehicle that cut in is now in front: it gets its own decision, the one it jumped does not', () => {
    const { state } = run('auto', [read('A', 0), read('B', 3), decided('A', 0, 'allow')]);
    expect([state.phase, state.vehicle?.plate]).toEqual(['vehicle-present', 'B']);
    const next = transition(state, decided('B', 3, 'allow'), options);
    expect([next.state.phase, next.openBarrier]).toEqual(['opening', true]);
  });

  it('names both vehicles and how long apart they were read', () => {
    const { violations } = run('auto', [
      read('冀A12345', 0),
      decided('冀A12345', 0, 'needs-review'),
      read('冀B99999', 4),
    ]);
    expect(violations).toEqual([
      {
        kind: 'cutting-in',
        plate: '冀B99999',
        details: '冀B99999 read 4 s after 冀A12345, which was waiting for review by a person (window 30 s)',
      },
    ]);
  });

  it.each<[string, LaneMode, LaneEvent[]]>([
    [
      'the server read of the same capture (another text)',
      'auto',
      [read('A', 0), read('A-server', 1, 'cap-A-0')],
    ],
    ['a re-push of the same plate (a new capture id)', 'auto', [read('A', 0), read('A', 2)]],
    [
      'after a refusal: the refused truck turned away and the next one came up',
      'auto',
      [read('A', 0), decided('A', 0, 'deny'), read('B', 5)],
    ],
    [
      'after an operator refused the vehicle under review',
      'auto',
      [read('A', 0), decided('A', 0, 'needs-review'), manual('deny', 8), read('B', 12)],
    ],
    [
      'after an operator released the vehicle and the barrier came down',
      'auto',
      [
        read('A', 0),
        decided('A', 0, 'needs-review'),
        manual('allow', 8),
        opened(9),
        { type: 'barrier-closed' },
        read('B', 12),
      ],
    ],
    ['a late upload: captured before the waiting vehicle', 'auto', [read('A', 10), read('B', 4)]],
    ['on an always-open lane (no barrier cycle to jump)', 'always-open', [read('A', 0), read('B', 1)]],
    ['on a record-only lane (no barrier at all)', 'record-only', [read('A', 0), read('B', 1)]],
    [
      'on a closed lane once the first is refused',
      'closed',
      [read('A', 0), decided('A', 0, 'allow'), read('B', 2)],
    ],
  ])('not cutting in: %s', (_case, mode, events) => {
    expect(run(mode, events).violations).toEqual([]);
  });

  it('a release while another vehicle is read under the open barrier is tailgating, not cutting in', () => {
    const { kinds } = run('auto', [
      read('A', 0),
      decided('A', 0, 'needs-review'),
      manual('allow', 8),
      read('B', 9),
    ]);
    expect(kinds).toEqual([['tailgating', 'B']]);
  });
});

describe('U-turn in the lane: a vehicle read, neither let through nor refused, and the next vehicle read after the window', () => {
  it('is the waiting vehicle’s violation, named after its own read and time', () => {
    const { violations, state } = run('auto', [
      read('冀A12345', 0),
      decided('冀A12345', 0, 'needs-review'),
      read('冀B99999', 95),
    ]);
    expect(violations).toEqual([
      {
        kind: 'u-turn',
        plate: '冀A12345',
        readId: 'read-cap-冀A12345-0',
        at: T0,
        details:
          '冀A12345 left the capture zone without passing (waiting for review by a person, neither released nor refused): 冀B99999 read 95 s later',
      },
    ]);
    expect(state.vehicle?.plate).toBe('冀B99999');
  });

  it.each<[string, LaneMode, LaneEvent[], (string | undefined)[][]]>([
    [
      'just past the window',
      'auto',
      [read('A', 0), { ...read('B', 30), at: new Date(T0.getTime() + 30_001) } as LaneEvent],
      [['u-turn', 'A']],
    ],
    [
      'an allowed vehicle whose barrier never opened',
      'auto',
      [read('A', 0), decided('A', 0, 'allow'), { type: 'command-failed' }, read('B', 60)],
      [['u-turn', 'A']],
    ],
    [
      'not: a refused truck that turned away (it did what it was told)',
      'auto',
      [read('A', 0), decided('A', 0, 'deny'), read('B', 60)],
      [],
    ],
    [
      'not: a vehicle that passed',
      'auto',
      [read('A', 0), decided('A', 0, 'allow'), opened(1), read('B', 60)],
      [],
    ],
    ['not on an always-open lane', 'always-open', [read('A', 0), read('B', 60)], []],
    ['not on a record-only lane', 'record-only', [read('A', 0), read('B', 60)], []],
  ])('%s', (_case, mode, events, expected) => {
    expect(run(mode, events).kinds).toEqual(expected);
  });

  it('a waiting vehicle seen leaving elsewhere frees the lane; any other vehicle-left changes nothing', () => {
    const waiting = run('auto', [read('A', 0), decided('A', 0, 'needs-review')]).state;
    const left = (readId: string, state = waiting) =>
      transition(state, { type: 'vehicle-left', readId }, options);
    expect([left('read-cap-A-0').state.phase, left('read-cap-A-0').ignored]).toEqual(['idle', false]);
    expect(left('read-cap-Z-0').ignored).toBe(true);
    const passed = run('auto', [read('A', 0), decided('A', 0, 'allow')]).state;
    expect(left('read-cap-A-0', passed).ignored).toBe(true);
  });

  it('uses the configured window, and 30 s when none is given', () => {
    const events = [read('A', 0), read('B', 45)];
    let state = initialLaneState('auto');
    state = transition(state, events[0]!, { openCycleMs: 15_000, cutInWindowMs: 60_000 }).state;
    expect(
      transition(state, events[1]!, { openCycleMs: 15_000, cutInWindowMs: 60_000 }).violations[0]?.kind,
    ).toBe('cutting-in');
    expect(transition(state, events[1]!, { openCycleMs: 15_000 }).violations[0]?.kind).toBe('u-turn');
  });
});

describe('crossing outcome of the lane’s vehicle', () => {
  it.each<[string, LaneMode, LaneEvent[], string | undefined]>([
    ['waiting for its decision', 'auto', [read('A', 0)], undefined],
    ['waiting for a person', 'auto', [read('A', 0), decided('A', 0, 'needs-review')], undefined],
    ['allowed: the barrier is going up', 'auto', [read('A', 0), decided('A', 0, 'allow')], 'passed'],
    [
      'allowed and the barrier came down behind it',
      'auto',
      [read('A', 0), decided('A', 0, 'allow'), opened(1), { type: 'barrier-closed' }],
      'passed',
    ],
    [
      'released by an operator',
      'auto',
      [read('A', 0), decided('A', 0, 'needs-review'), manual('allow', 5)],
      'passed',
    ],
    ['refused', 'auto', [read('A', 0), decided('A', 0, 'deny')], 'refused'],
    [
      'refused by an operator',
      'auto',
      [read('A', 0), decided('A', 0, 'needs-review'), manual('deny', 5)],
      'refused',
    ],
    ['on a closed lane', 'closed', [read('A', 0), decided('A', 0, 'allow')], 'refused'],
    ['always-open: drove through', 'always-open', [read('A', 0), decided('A', 0, 'allow')], 'passed'],
    [
      'record-only: no barrier stops even a refused one',
      'record-only',
      [read('A', 0), decided('A', 0, 'deny')],
      'passed',
    ],
  ])('%s', (_case, mode, events, expected) => {
    expect(crossingOutcome(run(mode, events).state)).toBe(expected);
  });
});

describe('at the gate: an opposite-direction read judged by how the first read ended', () => {
  const laneRef = (laneId: string, direction: 'in' | 'out'): LaneRef => ({
    enterpriseId: 'ent-1',
    siteId: 's1',
    gateId: 'g1',
    laneId,
    direction,
  });
  const gr = (direction: 'in' | 'out', s: number, plate = '冀A1'): GateRead => ({
    gateKey: 'ent-1/s1/g1',
    plate,
    direction,
    at: at(s),
    lane: laneRef(direction === 'in' ? 'g1-in' : 'g1-out', direction),
    readId: `r-${direction}-${s}`,
  });
  const check = (crossing: 'passed' | 'refused' | undefined, second = gr('out', 40)) => {
    let memory = checkReversing(emptyReversingMemory(), gr('in', 0), 60).memory;
    if (crossing)
      memory = recordCrossing(memory, { enterpriseId: 'ent-1', laneId: 'g1-in' }, '冀A1', crossing);
    return checkReversing(memory, second, 60);
  };

  it('passed, then read leaving: reversing', () => {
    const found = check('passed');
    expect([found.reversing?.plate, found.uTurn]).toEqual(['冀A1', undefined]);
  });

  it('neither passed nor refused, then read leaving: a U-turn on the entry lane, named after the entry read', () => {
    expect(check(undefined).uTurn).toEqual({
      plate: '冀A1',
      lane: laneRef('g1-in', 'in'),
      readId: 'r-in-0',
      at: T0,
      details: '冀A1 read in without passing, then out at gate ent-1/s1/g1 within 40 s (window 60 s)',
    });
    expect(check(undefined).reversing).toBeUndefined();
  });

  it('refused, then read leaving: nothing (a refused truck has to turn round)', () => {
    const found = check('refused');
    expect([found.reversing, found.uTurn]).toEqual([undefined, undefined]);
  });

  it('outside the window: nothing', () => {
    const found = check(undefined, gr('out', 61));
    expect([found.reversing, found.uTurn]).toEqual([undefined, undefined]);
  });

  it('a re-read in the same direction keeps the lane’s outcome; a crossing on another lane or plate is not attached', () => {
    let memory = checkReversing(emptyReversingMemory(), gr('in', 0), 60).memory;
    memory = recordCrossing(memory, { enterpriseId: 'ent-1', laneId: 'g1-in' }, '冀A1', 'passed');
    memory = checkReversing(memory, gr('in', 2), 60).memory;
    expect(memory.lastReads.get('ent-1/s1/g1\u0000冀A1')?.crossing).toBe('passed');
    expect(recordCrossing(memory, { enterpriseId: 'ent-1', laneId: 'g1-out' }, '冀A1', 'refused')).toBe(
      memory,
    );
    expect(recordCrossing(memory, { enterpriseId: 'ent-1', laneId: 'g1-in' }, '冀B2', 'refused')).toBe(
      memory,
    );
  });
});

describe('LaneStates: the lanes tell the gate how each vehicle crossed', () => {
  const entry = laneRefOf('g1-in', 'in');
  const exit = laneRefOf('g1-out', 'out');
  function laneRefOf(laneId: string, direction: 'in' | 'out'): LaneRef {
    return { enterpriseId: 'ent-1', siteId: 's1', gateId: 'g1', laneId, direction };
  }
  const gateRead = (lane: LaneRef, plate: string, s: number): GateRead => ({
    gateKey: 'ent-1/s1/g1',
    plate,
    direction: lane.direction,
    at: at(s),
    lane,
    readId: `read-cap-${plate}-${s}`, // the lane's read id (`read` above): one read, two views
  });
  /** A read as decide-on-read does it: the gate first, then the lane. */
  function readAt(lanes: LaneStates, lane: LaneRef, plate: string, s: number) {
    const atGate = lanes.checkReversing(gateRead(lane, plate, s));
    const onLane = lanes.apply('ent-1', lane.laneId, 'auto', read(plate, s));
    return { ...atGate, violations: onLane.violations.map((v) => v.kind) };
  }
  const states = () =>
    new LaneStates({ openCycleMs: 15_000, cutInWindowMs: 30_000, reversingWindowSeconds: 60 });

  it.each<[string, 'allow' | 'deny' | 'needs-review', string[]]>([
    ['allowed, then out through the exit lane: reversing', 'allow', ['reversing']],
    ['waiting for review, then out through the exit lane: U-turn', 'needs-review', ['u-turn']],
    ['refused, then out through the exit lane: nothing', 'deny', []],
  ])('%s', (_case, verdict, expected) => {
    const lanes = states();
    readAt(lanes, entry, '冀A1', 0);
    lanes.apply('ent-1', 'g1-in', 'auto', decided('冀A1', 0, verdict));
    const found = readAt(lanes, exit, '冀A1', 40);
    expect([...(found.reversing ? ['reversing'] : []), ...(found.uTurn ? ['u-turn'] : [])]).toEqual(expected);
  });

  it('a tailgater went through: read leaving afterwards, it is reversing, not a U-turn', () => {
    const lanes = states();
    readAt(lanes, entry, '冀A1', 0);
    lanes.apply('ent-1', 'g1-in', 'auto', decided('冀A1', 0, 'allow'));
    expect(readAt(lanes, entry, '冀B2', 2).violations).toEqual(['tailgating']);
    const found = readAt(lanes, exit, '冀B2', 30);
    expect([found.reversing?.plate, found.uTurn]).toEqual(['冀B2', undefined]);
  });

  it('a vehicle that cut in and was then released: reversing if it comes back out, the one it jumped is a U-turn if it leaves', () => {
    const lanes = states();
    readAt(lanes, entry, '冀A1', 0);
    lanes.apply('ent-1', 'g1-in', 'auto', decided('冀A1', 0, 'needs-review'));
    expect(readAt(lanes, entry, '冀B2', 5).violations).toEqual(['cutting-in']);
    lanes.apply('ent-1', 'g1-in', 'auto', decided('冀B2', 5, 'allow'));
    expect(readAt(lanes, exit, '冀B2', 20).reversing?.plate).toBe('冀B2');
    expect(readAt(lanes, exit, '冀A1', 25).uTurn).toMatchObject({ plate: '冀A1', readId: 'read-cap-冀A1-0' });
  });

  it('a waiting truck seen turning round at the exit lane frees its lane: the next truck is no cut-in', () => {
    const lanes = states();
    readAt(lanes, entry, '冀A1', 0);
    lanes.apply('ent-1', 'g1-in', 'auto', decided('冀A1', 0, 'needs-review'));
    expect(readAt(lanes, exit, '冀A1', 12).uTurn?.readId).toBe('read-cap-冀A1-0');
    const next = readAt(lanes, entry, '冀B2', 20);
    expect([next.violations, lanes.get('ent-1', 'g1-in')?.vehicle?.plate]).toEqual([[], '冀B2']);
  });
});
