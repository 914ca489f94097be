import { LedgerException } from '../errors/ledger.exception';
import { parsePersonPlate } from './person-plate';

const refusal = (run: () => unknown): LedgerException => {
  try {
    run();
  } catch (error) {
    if (error instanceof LedgerException) return error;
    throw error;
  }
  throw new Error('not refused');
};

describe('a plate a person enters', () => {
  it('is stored in the canonical spelling with its colour', () => {
    expect(parsePersonPlate(' 冀b·12345 ', 'yellow')).toEqual({ text: '冀B12345', colour: 'yellow' });
  });

  it('is repaired by position like a camera read (O → 0 where only a digit fits)', () => {
    expect(parsePersonPlate('冀B1234O', 'blue').text).toBe('冀B12340');
  });

  it('takes the colour the kind implies when none is given', () => {
    expect(parsePersonPlate('冀BD12345').colour).toBe('green');
  });

  it.each([
    ['', 'empty'],
    ['冀B123', 'bad-length'],
    ['冀B12#45', 'bad-character'],
    ['哈B12345', 'bad-province'],
    ['无车牌', 'no-plate'],
  ])('refuses %j with the domain reason and code (%s)', (raw, code) => {
    const error = refusal(() => parsePersonPlate(raw, 'blue'));
    expect(error.code).toBe('invalid-plate');
    expect(error.message).toMatch(/^plate: /);
    expect(error.message).toContain(`(${code}`);
  });

  it('refuses a colour the plate kind cannot have', () => {
    const error = refusal(() => parsePersonPlate('冀BD12345', 'yellow'));
    expect(error.code).toBe('invalid-plate');
    expect(error.message).toContain('colour-mismatch');
    expect(error.message).toContain('green');
  });
});
