import { type EmissionStage } from './emission-stage';
import {
  fromStageExportCode,
  stageFromNrmmDisclosureNumber,
  toStageExportCode,
  type StageExportCode,
} from './stage-export-code';

describe('stage export codes (2020 guide, domain.md §2)', () => {
  it.each<[EmissionStage, StageExportCode]>([
    ['none', 'X'],
    ['0', '0'],
    ['I', '1'],
    ['II', '2'],
    ['III', '3'],
    ['IV', '4'],
    ['V', '5'],
    ['VI', '6'],
    ['VIa', '6'],
    ['VIb', '6'],
    ['electric', 'D'],
  ])('%s exports as %s', (stage, code) => {
    expect(toStageExportCode(stage)).toBe(code);
  });

  it.each<[string, EmissionStage]>([
    ['6', 'VI'],
    ['d', 'electric'],
    [' X ', 'none'],
    ['3', 'III'],
  ])('reads %p back as %s', (code, stage) => {
    expect(fromStageExportCode(code)).toEqual({ ok: true, value: stage });
  });

  it.each(['7', '', '6a', 'E'])('refuses %p', (code) => {
    const result = fromStageExportCode(code);
    expect(!result.ok && result.error.code).toBe('unknown-stage-code');
  });
});

describe('NRMM information-disclosure number (domain.md §2 C)', () => {
  const withMarker = (marker: string): string => `CN31${marker}${'0'.repeat(18)}`;

  it.each<[string, EmissionStage]>([
    [withMarker('G3'), 'III'],
    [withMarker('G4'), 'IV'],
    [withMarker('g2').toLowerCase(), 'II'],
  ])('reads the stage from characters 5–6 of %s', (number, stage) => {
    expect(stageFromNrmmDisclosureNumber(number)).toEqual({ ok: true, value: stage });
  });

  it.each([
    ['a wrong length', 'CN31G3000'],
    ['no G marker', withMarker('X3')],
    ['a digit out of range', withMarker('G9')],
  ])('refuses %s', (_case, number) => {
    const result = stageFromNrmmDisclosureNumber(number);
    expect(!result.ok && result.error.code).toBe('bad-disclosure-number');
  });
});
