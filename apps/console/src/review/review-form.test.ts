import { isCorrection, resolutionBody } from './review-form';

describe('resolving a review item', () => {
  it('sends the canonical plate, colour, optional stage and the revision seen', () => {
    expect(resolutionBody({ plate: ' 京a1234o ', colour: 'blue', stage: null, note: ' ' }, 3)).toEqual({
      body: { plate: '京A12340', colour: 'blue', revision: 3 },
    });
    expect(resolutionBody({ plate: '京A12345', colour: 'yellow', stage: 'V', note: '看清了' }, 7)).toEqual({
      body: { plate: '京A12345', colour: 'yellow', stage: 'V', note: '看清了', revision: 7 },
    });
  });

  it('refuses what is not a plate, with the domain reason', () => {
    const outcome = resolutionBody({ plate: 'XYZ' }, 1);
    expect(outcome).toMatchObject({ problem: { field: 'plate' } });
    expect(resolutionBody({ plate: '' }, 1)).toEqual({ problem: { field: 'plate', reason: 'empty' } });
  });

  it('tells a confirmation from a correction', () => {
    const current = { plate: '京A12345', plateColour: 'blue', stage: 'VI' };
    expect(isCorrection({ plate: '京a12345', colour: 'blue', stage: null }, current)).toBe(false);
    expect(isCorrection({ plate: '京A12346', colour: 'blue' }, current)).toBe(true);
    // A typed plate that is not one yet is still an attempt to correct (its check says why).
    expect(isCorrection({ plate: '京A1', colour: 'blue' }, current)).toBe(true);
    expect(isCorrection({ plate: '京A12345', colour: 'yellow' }, current)).toBe(true);
    expect(isCorrection({ plate: '京A12345', colour: 'blue', stage: 'V' }, current)).toBe(true);
  });
});
