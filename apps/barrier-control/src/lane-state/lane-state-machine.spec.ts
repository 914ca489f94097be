import { type LaneMode } from '@ecogate/domain';
import {
  initialLaneState,
  type LaneEvent,
  type LanePhase,
  type LaneState,
  transition,
} from './lane-state-machine';
import { checkReversing, emptyReversingMemory, type GateRead } from './reversing-detector';

const T0 = new Date('2024-12-01T08:00:00Z');
const read = (plate: string, captureId = `cap-${plate}`): LaneEvent => ({
  type: 'vehicle-read',
  plate,
  captureId,
  readId: `read-${captureId}`,
  at: T0,
});
const decided = (plate: string, verdict: 'allow' | 'deny' | 'needs-review'): LaneEvent => ({
  type: 'decided',
  captureId: `cap-${plate}`,
  decisionId: `dec-${plate}`,
  verdict,
});
const opened: LaneEvent = { type: 'barrier-opened', at: T0 };
const closedEv: LaneEvent = { type: 'barrier-closed' };

function run(mode: LaneMode, events: readonly LaneEvent[]) {
  let state: LaneState = initialLaneState(mode);
  const opens: number[] = [];
  const violations: string[] = [];
  events.forEach((event, i) => {
    const t = transition(state, event);
    state = t.state;
    if (t.openBarrier) opens.push(i);
    violations.push(...t.violations.map((v) => v.kind));
  });
  return { phase: state.phase, opens, violations };
}

describe('lane state machine: phases per lane mode', () => {
  it.each<[string, LaneMode, LaneEvent[], LanePhase, number[]]>([
    ['auto: a read waits for its decision', 'auto', [read('A')], 'vehicle-present', []],
    ['auto: allow opens the barrier', 'auto', [read('A'), decided('A', 'allow')], 'opening', [1]],
    ['auto: the driver acknowledges', 'auto', [read('A'), decided('A', 'allow'), opened], 'open', [1]],
    [
      'auto: the barrier comes down',
      'auto',
      [read('A'), decided('A', 'allow'), opened, closedEv],
      'closed',
      [1],
    ],
    ['auto: deny keeps it down', 'auto', [read('A'), decided('A', 'deny')], 'closed', []],
    [
      'auto: needs-review waits for a person',
      'auto',
      [read('A'), decided('A', 'needs-review')],
      'decided',
      [],
    ],
    [
      'auto: a failed command falls back to decided',
      'auto',
      [read('A'), decided('A', 'allow'), { type: 'command-failed' }],
      'decided',
      [1],
    ],
    [
      'auto: the next vehicle starts a new cycle',
      'auto',
      [read('A'), decided('A', 'allow'), opened, closedEv, read('B'), decided('B', 'allow')],
      'opening',
      [1, 5],
    ],
    [
      'auto: an operator releases a vehicle under review',
      'auto',
      [
        read('A'),
        decided('A', 'needs-review'),
        { type: 'manual', decisionId: 'm1', verdict: 'allow', at: T0 },
      ],
      'opening',
      [2],
    ],
    [
      'auto: an operator refuses a vehicle under review',
      'auto',
      [
        read('A'),
        decided('A', 'needs-review'),
        { type: 'manual', decisionId: 'm1', verdict: 'deny', at: T0 },
      ],
      'closed',
      [],
    ],
    ['closed: even an allow keeps it down', 'closed', [read('A'), decided('A', 'allow')], 'closed', []],
    [
      'always-open: no command, the vehicle drives through',
      'always-open',
      [read('A'), decided('A', 'allow')],
      'open',
      [],
    ],
    ['record-only: recorded, no barrier', 'record-only', [read('A'), decided('A', 'allow')], 'closed', []],
    [
      'a redelivered decision opens once',
      'auto',
      [read('A'), decided('A', 'allow'), decided('A', 'allow'), decided('A', 'allow')],
      'opening',
      [1],
    ],
    [
      'a trusted second read of the same capture settles a review',
      'auto',
      [read('A'), decided('A', 'needs-review'), decided('A', 'allow')],
      'opening',
      [2],
    ],
    [
      'a mode change resets the lane',
      'auto',
      [read('A'), { type: 'mode-changed', mode: 'always-open' }],
      'idle',
      [],
    ],
  ])('%s', (_case, mode, events, phase, opens) => {
    const outcome = run(mode, events);
    expect([outcome.phase, outcome.opens, outcome.violations]).toEqual([phase, opens, []]);
  });
});

describe('lane state machine: violations', () => {
  it.each<[string, LaneMode, LaneEvent[], string[]]>([
    [
      'tailgating: a second vehicle while the barrier is open',
      'auto',
      [read('A'), decided('A', 'allow'), opened, read('B')],
      ['tailgating'],
    ],
    [
      'tailgating: a second vehicle while the barrier is opening',
      'auto',
      [read('A'), decided('A', 'allow'), read('B')],
      ['tailgating'],
    ],
    [
      'not tailgating: the server read of the same capture',
      'auto',
      [read('A'), decided('A', 'allow'), opened, read('A2', 'cap-A')],
      [],
    ],
    [
      'not tailgating: the same plate read again',
      'auto',
      [read('A'), decided('A', 'allow'), opened, read('A', 'cap-A-again')],
      [],
    ],
    [
      'not tailgating: after the barrier came down',
      'auto',
      [read('A'), decided('A', 'allow'), opened, closedEv, read('B')],
      [],
    ],
    [
      'not tailgating: a read after the open cycle ran out',
      'auto',
      [
        read('A'),
        decided('A', 'allow'),
        opened,
        { ...read('B'), at: new Date(T0.getTime() + 16_000) } as LaneEvent,
      ],
      [],
    ],
    [
      'not tailgating on an always-open lane',
      'always-open',
      [read('A'), decided('A', 'allow'), read('B')],
      [],
    ],
    ['opened without decision: idle lane', 'auto', [opened], ['opened-without-decision']],
    ['opened without decision: vehicle waiting', 'auto', [read('A'), opened], ['opened-without-decision']],
    [
      'opened without decision: after a deny',
      'auto',
      [read('A'), decided('A', 'deny'), opened],
      ['opened-without-decision'],
    ],
    [
      'opened without decision: closed lane',
      'closed',
      [read('A'), decided('A', 'allow'), opened],
      ['opened-without-decision'],
    ],
    [
      'opened after a manual release is fine',
      'auto',
      [{ type: 'manual', decisionId: 'm', verdict: 'allow', at: T0 }, opened],
      [],
    ],
    ['always-open lane: an open barrier is normal', 'always-open', [opened], []],
  ])('%s', (_case, mode, events, violations) => {
    expect(run(mode, events).violations).toEqual(violations);
  });

  it('a decision for a vehicle gone by changes nothing (the vehicle that cut in is in front)', () => {
    const outcome = run('auto', [read('A'), read('B'), decided('A', 'allow')]);
    expect([outcome.phase, outcome.opens, outcome.violations]).toEqual([
      'vehicle-present',
      [],
      ['cutting-in'],
    ]);
  });

  it('names both plates in the tailgating details', () => {
    let state = initialLaneState('auto');
    for (const e of [read('冀A12345'), decided('冀A12345', 'allow'), opened])
      state = transition(state, e).state;
    const t = transition(state, read('冀B99999'));
    expect(t.violations).toEqual([
      {
        kind: 'tailgating',
        plate: '冀B99999',
        details: '冀B99999 read while the barrier was open for 冀A12345',
      },
    ]);
    expect(t.state.vehicle?.plate).toBe('冀A12345');
  });
});

describe('reversing detector: entry then exit of one plate at one gate within N seconds', () => {
  const at = (s: number) => new Date(T0.getTime() + s * 1000);
  const gr = (direction: 'in' | 'out', s: number, plate = '冀A1', gateKey = 'g1'): GateRead => ({
    gateKey,
    plate,
    direction,
    at: at(s),
  });

  it.each<[string, GateRead[], boolean]>([
    ['in then out within the window', [gr('in', 0), gr('out', 30)], true],
    ['out then in within the window', [gr('out', 0), gr('in', 59)], true],
    ['in then out after the window', [gr('in', 0), gr('out', 61)], false],
    ['in then in (a re-read)', [gr('in', 0), gr('in', 5)], false],
    ['another plate', [gr('in', 0), gr('out', 5, '冀B2')], false],
    ['another gate', [gr('in', 0), gr('out', 5, '冀A1', 'g2')], false],
  ])('%s', (_case, reads, expected) => {
    let memory = emptyReversingMemory();
    let found = false;
    for (const r of reads) {
      const check = checkReversing(memory, r, 60);
      memory = check.memory;
      found = check.reversing !== undefined;
    }
    expect(found).toBe(expected);
  });

  it('forgets reads older than the window', () => {
    let memory = emptyReversingMemory();
    memory = checkReversing(memory, gr('in', 0, 'old'), 60).memory;
    memory = checkReversing(memory, gr('in', 120, 'new'), 60).memory;
    expect([...memory.lastReads.values()].map((r) => r.plate)).toEqual(['new']);
  });
});
