import { completionBody } from './completion';

describe('completing a passage', () => {
  it('sends cargo and fleet with the revision the clerk saw', () => {
    expect(completionBody({ cargoName: ' 煤炭 ', cargoTonnes: 31.5, fleet: '自有' }, 4)).toEqual({
      body: { cargo: { name: '煤炭', tonnes: 31.5 }, fleet: '自有', expectedRevision: 4 },
    });
    expect(completionBody({ fleet: '个人', cargoTonnes: null }, 2)).toEqual({
      body: { fleet: '个人', expectedRevision: 2 },
    });
  });

  it('refuses an empty completion and tonnes without a cargo', () => {
    expect(completionBody({ cargoName: '  ', fleet: '' }, 1)).toEqual({ problem: 'complete.needOne' });
    expect(completionBody({ cargoTonnes: 3 }, 1)).toEqual({ problem: 'complete.cargoRequired' });
  });
});
