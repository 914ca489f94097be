import { anExemption, aPlan } from '../alert/testing/plan-builder';
import { aVehicle } from '../alert/testing/vehicle-builder';
import { type GateEvent } from '../ledger/passage-pairing';
import { lookbackDay, lookbackStart, type Refusal, type Sighting } from './loading-area-anomaly';
import { judgeSighting, type SightingFacts } from './sighting-rules';

const PLATE = '冀A12345';
const at = (beijing: string): Date => new Date(`${beijing}+08:00`);
const entry = (id: string, when: string, plate = PLATE): GateEvent => ({
  id,
  plate,
  direction: 'entry',
  at: at(when),
});
const exit = (id: string, when: string, plate = PLATE): GateEvent => ({
  id,
  plate,
  direction: 'exit',
  at: at(when),
});
const refusal = (id: string, when: string, plate = PLATE): Refusal => ({ id, plate, at: at(when) });
const sighting = (when: string, plate = PLATE): Sighting => ({ id: 's-1', plate, at: at(when) });

const judge = (facts: Partial<SightingFacts> & { sighting: Sighting }) =>
  judgeSighting({ gateEvents: [], refusals: [], ...facts });
const kinds = (facts: Partial<SightingFacts> & { sighting: Sighting }) => judge(facts).map((a) => a.kind);

describe('lookbackStart: the start of the previous Beijing day', () => {
  it.each([
    ['2026-12-07T10:00:00', '2026-12-06T00:00:00'],
    // Just after midnight in Beijing (16:00Z the evening before) the day before is the 6th.
    ['2026-12-07T00:00:00', '2026-12-06T00:00:00'],
    ['2026-12-06T23:59:59', '2026-12-05T00:00:00'],
  ])('%s Beijing → %s Beijing', (when, start) => {
    expect(lookbackStart(at(when))).toEqual(at(start));
  });

  it('names that day for the evidence', () => {
    expect(lookbackDay(new Date('2026-12-06T16:30:00Z'))).toBe('2026-12-06');
  });
});

describe('judgeSighting: seen-without-entry (rule 1)', () => {
  it('explains a sighting by an entry earlier that day', () => {
    expect(
      kinds({ sighting: sighting('2026-12-07T10:00:00'), gateEvents: [entry('p-1', '2026-12-07T08:00:00')] }),
    ).toEqual([]);
  });

  it('flags a plate with no gate row at all, naming the Beijing day searched from', () => {
    const [anomaly] = judge({ sighting: sighting('2026-12-07T10:00:00') });
    expect(anomaly).toMatchObject({
      kind: 'seen-without-entry',
      plate: PLATE,
      sightingId: 's-1',
      at: at('2026-12-07T10:00:00'),
      passageIds: [],
      refusalIds: [],
      searchedFrom: '2026-12-06',
    });
  });

  it('flags a sighting before the day’s entry: the entry came after it', () => {
    expect(
      kinds({ sighting: sighting('2026-12-07T07:59:59'), gateEvents: [entry('p-1', '2026-12-07T08:00:00')] }),
    ).toEqual(['seen-without-entry']);
  });

  it('counts an entry at the very instant of the sighting', () => {
    expect(
      kinds({ sighting: sighting('2026-12-07T08:00:00'), gateEvents: [entry('p-1', '2026-12-07T08:00:00')] }),
    ).toEqual([]);
  });

  it('flags a vehicle that went out and is seen again with no new entry, naming the exit', () => {
    const [anomaly] = judge({
      sighting: sighting('2026-12-07T12:00:00'),
      gateEvents: [entry('p-1', '2026-12-07T08:00:00'), exit('p-2', '2026-12-07T09:00:00')],
    });
    expect(anomaly).toMatchObject({ kind: 'seen-without-entry', passageIds: ['p-2'] });
  });

  it('keeps a vehicle that came in before midnight Beijing and stayed as inside after it', () => {
    // 23:50 Beijing is 15:50Z; 00:10 Beijing the next day is 16:10Z: the UTC date is the same.
    expect(
      kinds({ sighting: sighting('2026-12-08T00:10:00'), gateEvents: [entry('p-1', '2026-12-07T23:50:00')] }),
    ).toEqual([]);
  });

  it('does not count an entry older than the previous Beijing day', () => {
    expect(
      kinds({ sighting: sighting('2026-12-08T00:10:00'), gateEvents: [entry('p-1', '2026-12-06T23:59:59')] }),
    ).toEqual(['seen-without-entry']);
    expect(
      kinds({ sighting: sighting('2026-12-08T00:10:00'), gateEvents: [entry('p-1', '2026-12-07T00:00:00')] }),
    ).toEqual([]);
  });

  it('ignores other plates’ rows', () => {
    expect(
      kinds({
        sighting: sighting('2026-12-07T10:00:00'),
        gateEvents: [entry('p-1', '2026-12-07T08:00:00', '冀B99999')],
      }),
    ).toEqual(['seen-without-entry']);
  });

  it('takes an entry and exit at one instant as entry first: the vehicle is out', () => {
    expect(
      kinds({
        sighting: sighting('2026-12-07T10:00:00'),
        gateEvents: [exit('p-2', '2026-12-07T09:00:00'), entry('p-1', '2026-12-07T09:00:00')],
      }),
    ).toEqual(['seen-without-entry']);
  });
});

describe('judgeSighting: refused-seen-inside (rule 4)', () => {
  it('reports a refused vehicle seen inside instead of a plain missing entry, with the refusal', () => {
    const anomalies = judge({
      sighting: sighting('2026-12-07T10:00:00'),
      refusals: [refusal('r-1', '2026-12-07T09:00:00')],
    });
    expect(anomalies).toEqual([
      expect.objectContaining({ kind: 'refused-seen-inside', refusalIds: ['r-1'], passageIds: [] }),
    ]);
  });

  it('is no anomaly when the vehicle entered properly after the refusal', () => {
    expect(
      kinds({
        sighting: sighting('2026-12-07T12:00:00'),
        gateEvents: [entry('p-1', '2026-12-07T11:00:00')],
        refusals: [refusal('r-1', '2026-12-07T09:00:00')],
      }),
    ).toEqual([]);
  });

  it('ignores a refusal before the last entry, after the sighting, or of another plate', () => {
    expect(
      kinds({
        sighting: sighting('2026-12-07T12:00:00'),
        gateEvents: [entry('p-1', '2026-12-07T08:00:00'), exit('p-2', '2026-12-07T09:00:00')],
        refusals: [
          refusal('r-0', '2026-12-07T07:00:00'),
          refusal('r-2', '2026-12-07T13:00:00'),
          refusal('r-3', '2026-12-07T10:00:00', '冀B99999'),
        ],
      }),
    ).toEqual(['seen-without-entry']);
  });
});

describe('judgeSighting: below-minimum-stage-during-alert (rule 5)', () => {
  const plan = aPlan().build();
  const inside = { gateEvents: [entry('p-1', '2026-12-07T08:00:00')] };
  const oldTruck = aVehicle()
    .withPlate(PLATE)
    .withCategory('heavy-truck')
    .withFuel('diesel')
    .withStage('IV')
    .build();

  it('flags a 国IV heavy diesel truck seen during a red alert, naming the rule and its entry', () => {
    const [anomaly] = judge({
      sighting: sighting('2026-12-07T10:00:00'),
      ...inside,
      alert: { level: 'red', plan, subject: oldTruck },
    });
    expect(anomaly).toMatchObject({ kind: 'below-minimum-stage-during-alert', passageIds: ['p-1'] });
    expect(anomaly!.reason).toContain('red-heavy-truck-min-V');
  });

  it('is no anomaly without an alert, for a stage that meets it, or an unknown stage', () => {
    const newTruck = aVehicle()
      .withPlate(PLATE)
      .withCategory('heavy-truck')
      .withFuel('diesel')
      .withStage('VI')
      .build();
    const unknown = aVehicle().withPlate(PLATE).withCategory('heavy-truck').withFuel('diesel').build();
    const sighted = sighting('2026-12-07T10:00:00');
    expect(
      kinds({ sighting: sighted, ...inside, alert: { level: 'none', plan, subject: oldTruck } }),
    ).toEqual([]);
    expect(kinds({ sighting: sighted, ...inside, alert: { level: 'red', plan, subject: newTruck } })).toEqual(
      [],
    );
    expect(kinds({ sighting: sighted, ...inside, alert: { level: 'red', plan, subject: unknown } })).toEqual(
      [],
    );
  });

  it('is cleared by an exemption in force at the sighting, as at the gate', () => {
    const exempted = aPlan()
      .withExemption(
        anExemption({
          kind: 'plate',
          plates: [PLATE],
          from: at('2026-12-01T00:00:00'),
          until: at('2027-01-01T00:00:00'),
        }),
      )
      .build();
    expect(
      kinds({
        sighting: sighting('2026-12-07T10:00:00'),
        ...inside,
        alert: { level: 'red', plan: exempted, subject: oldTruck },
      }),
    ).toEqual([]);
  });

  it('reports both a missing entry and the stage when both hold', () => {
    expect(
      kinds({
        sighting: sighting('2026-12-07T10:00:00'),
        alert: { level: 'orange', plan, subject: oldTruck },
      }),
    ).toEqual(['seen-without-entry', 'below-minimum-stage-during-alert']);
  });
});

describe('judgeSighting: one anomaly per fact, not per frame', () => {
  const keyOf = (facts: Partial<SightingFacts> & { sighting: Sighting }) => judge(facts)[0]?.key;

  it('keys frames of one truck the same Beijing day with the same gate history alike', () => {
    const morning = keyOf({ sighting: { id: 's-1', plate: PLATE, at: at('2026-12-07T08:00:00') } });
    const noon = keyOf({ sighting: { id: 's-2', plate: PLATE, at: at('2026-12-07T12:00:00') } });
    expect(noon).toBe(morning);
  });

  it('keys another Beijing day, another gate history, or a later refusal apart', () => {
    const before = keyOf({ sighting: sighting('2026-12-07T23:59:00') });
    expect(keyOf({ sighting: sighting('2026-12-08T00:01:00') })).not.toBe(before);
    expect(
      keyOf({ sighting: sighting('2026-12-07T23:59:00'), gateEvents: [exit('p-9', '2026-12-07T20:00:00')] }),
    ).not.toBe(before);
    const refusedOnce = keyOf({
      sighting: sighting('2026-12-07T12:00:00'),
      refusals: [refusal('r-2', '2026-12-07T10:00:00'), refusal('r-1', '2026-12-07T09:00:00')],
    });
    expect(refusedOnce).toBe(`${PLATE}|2026-12-07|r-2`);
  });
});
