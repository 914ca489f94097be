import { parsePlate } from '@ecogate/domain';
import { plateCandidate as candidate, secondOpinion } from '../testing/plate-candidates';
import { gateRead, type GateOptions } from './read-gate';

const options: GateOptions = { minPlateWidthPx: 48, minCharConfidence: 0.8, minColourConfidence: 0.6 };

describe('gateRead', () => {
  it('trusts a clean, wide, confident, format-valid read', () => {
    expect(
      gateRead(candidate({ text: '京A12345' }), parsePlate('京A12345', { colour: 'blue' }), options),
    ).toEqual({
      verdict: 'trusted',
      reasons: [],
    });
  });

  it.each([
    ['an invalid format', candidate({ text: '京A1234' }), 'invalid-format'],
    ['a narrow plate', candidate({ text: '京A12345', widthPx: 40 }), 'too-small'],
    ['one weak character', candidate({ text: '京A12345', confidences: [0.79] }), 'low-confidence'],
    ['a masked character', candidate({ text: '京A12345', masked: true }), 'alphabet-masked'],
    [
      'a second recogniser reading otherwise',
      candidate({
        text: '京A12345',
        secondOpinion: secondOpinion('津A12345'),
      }),
      'recognisers-disagree',
    ],
  ])('holds back %s for review', (_, read, reason) => {
    const decision = gateRead(read, parsePlate(read.text, { colour: 'blue' }), options);
    expect(decision).toEqual({ verdict: 'needs-review', reasons: [reason] });
  });

  it('holds back a read parsePlate had to repair', () => {
    const decision = gateRead(candidate({ text: '京AO2345' }), parsePlate('京AO2345'), options);
    expect(decision.reasons).toEqual(['repaired']);
  });

  it('holds back a colour that contradicts the kind (a blue new-energy plate)', () => {
    const decision = gateRead(
      candidate({ text: '沪AF71017' }),
      parsePlate('沪AF71017', { colour: 'blue' }),
      options,
    );
    expect(decision.reasons).toEqual(['colour-mismatch']);
  });

  it('names every doubt at once', () => {
    const decision = gateRead(
      candidate({ text: '京A1234', widthPx: 30, confidences: [0.5] }),
      parsePlate('京A1234'),
      options,
    );
    expect(decision.reasons).toEqual(['invalid-format', 'too-small', 'low-confidence']);
  });
});
