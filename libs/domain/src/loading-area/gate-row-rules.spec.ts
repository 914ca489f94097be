import { type GateEvent } from '../ledger/passage-pairing';
import { judgeEntry, judgeExit } from './gate-row-rules';

const PLATE = '冀A12345';
const HOUR = 3_600_000;
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

describe('judgeEntry: entry-without-exit (rule 2)', () => {
  const came = entry('p-1', '2026-12-07T08:00:00');

  it('says nothing while the deadline is ahead', () => {
    expect(judgeEntry(came, [came], 12 * HOUR, at('2026-12-07T19:59:59'))).toBeNull();
  });

  it('flags an entry with no exit by its deadline, dated at the deadline', () => {
    expect(judgeEntry(came, [came], 12 * HOUR, at('2026-12-07T20:00:00'))).toMatchObject({
      kind: 'entry-without-exit',
      plate: PLATE,
      at: at('2026-12-07T20:00:00'),
      passageIds: ['p-1'],
    });
  });

  it('is cleared by an exit up to the deadline, not by one after it or of another plate', () => {
    const now = at('2026-12-08T09:00:00');
    expect(judgeEntry(came, [came, exit('p-2', '2026-12-07T20:00:00')], 12 * HOUR, now)).toBeNull();
    expect(judgeEntry(came, [came, exit('p-2', '2026-12-07T20:00:01')], 12 * HOUR, now)).not.toBeNull();
    expect(
      judgeEntry(came, [came, exit('p-2', '2026-12-07T10:00:00', '冀B99999')], 12 * HOUR, now),
    ).not.toBeNull();
  });

  it('judges the same however late the scan runs', () => {
    const rows = [came, exit('p-2', '2026-12-08T01:00:00')];
    const onTime = judgeEntry(came, rows, 12 * HOUR, at('2026-12-07T20:00:00'));
    const late = judgeEntry(came, rows, 12 * HOUR, at('2026-12-09T20:00:00'));
    expect(late).toEqual(onTime);
  });

  it('refuses an exit row and a stay that is not positive', () => {
    expect(() => judgeEntry(exit('p-2', '2026-12-07T08:00:00'), [], HOUR, at('2026-12-08T00:00:00'))).toThrow(
      RangeError,
    );
    expect(() => judgeEntry(came, [], 0, at('2026-12-08T00:00:00'))).toThrow(RangeError);
    expect(() => judgeEntry(came, [], Number.NaN, at('2026-12-08T00:00:00'))).toThrow(RangeError);
  });
});

describe('judgeExit: exit-without-entry (rule 3)', () => {
  it('is no anomaly after an entry the same day, or the previous Beijing day', () => {
    const out = exit('p-2', '2026-12-08T00:30:00');
    expect(judgeExit(out, [entry('p-1', '2026-12-07T23:50:00'), out])).toBeNull();
    expect(judgeExit(out, [entry('p-1', '2026-12-07T00:00:00'), out])).toBeNull();
  });

  it('flags an exit with no entry in the window, naming the Beijing day searched from', () => {
    const out = exit('p-2', '2026-12-08T00:30:00');
    expect(judgeExit(out, [entry('p-1', '2026-12-06T23:59:59'), out])).toMatchObject({
      kind: 'exit-without-entry',
      at: at('2026-12-08T00:30:00'),
      passageIds: ['p-2'],
      searchedFrom: '2026-12-07',
    });
  });

  it('flags a second exit with no entry between, naming both', () => {
    const out = exit('p-3', '2026-12-07T12:00:00');
    const rows = [entry('p-1', '2026-12-07T08:00:00'), exit('p-2', '2026-12-07T09:00:00'), out];
    expect(judgeExit(out, rows)).toMatchObject({ kind: 'exit-without-entry', passageIds: ['p-3', 'p-2'] });
  });

  it('pairs an entry at the same instant, and ignores later rows and other plates', () => {
    const out = exit('p-2', '2026-12-07T09:00:00');
    expect(judgeExit(out, [out, entry('p-1', '2026-12-07T09:00:00')])).toBeNull();
    expect(judgeExit(out, [out, entry('p-3', '2026-12-07T09:00:01')])).not.toBeNull();
    expect(judgeExit(out, [out, entry('p-4', '2026-12-07T08:00:00', '冀B99999')])).not.toBeNull();
  });

  it('refuses an entry row', () => {
    expect(() => judgeExit(entry('p-1', '2026-12-07T08:00:00'), [])).toThrow(RangeError);
  });
});

describe('gate rows at one instant', () => {
  it('keeps two exits at one instant unpaired, and an exit then an entry as out then in', () => {
    const out = exit('p-2', '2026-12-07T09:00:00');
    expect(
      judgeExit(out, [out, exit('p-1', '2026-12-07T08:00:00'), exit('p-3', '2026-12-07T08:00:00')]),
    ).toMatchObject({
      kind: 'exit-without-entry',
    });
    expect(
      judgeExit(out, [
        exit('p-0', '2026-12-07T07:00:00'),
        entry('p-1', '2026-12-07T08:00:00'),
        exit('p-3', '2026-12-07T08:00:00'),
        out,
      ]),
    ).toMatchObject({ passageIds: ['p-2', 'p-3'] });
  });
});
