import { parsePlate } from '@ecogate/domain';
import { seededRandom } from '../photo-effects';
import { FAMILY_ROTATION, FAMILY_TRAITS, PLATE_FAMILIES } from './plate-families';
import { plateLayout } from './plate-layout';
import { plateText } from './plate-texts';

describe('synthetic plate texts', () => {
  it.each(PLATE_FAMILIES)('%s: every text parses, unrepaired, as the kind and colour drawn', (family) => {
    const random = seededRandom(11);
    const { kind, colour } = FAMILY_TRAITS[family];
    for (let i = 0; i < 200; i++) {
      const text = plateText(family, random);
      const parsed = parsePlate(text, { colour });
      if (!parsed.ok) throw new Error(`${family} drew ${text}: ${parsed.error.reason}`);
      expect(parsed.value).toMatchObject({ text, kind, colour, repairs: [], warnings: [] });
    }
  });

  it('draws the same texts from the same seed, others from another', () => {
    const draw = (seed: number) => {
      const random = seededRandom(seed);
      return PLATE_FAMILIES.map((family) => plateText(family, random));
    };
    expect(draw(5)).toEqual(draw(5));
    expect(draw(6)).not.toEqual(draw(5));
  });

  it('deals 8 double-row plates in every 25, whatever the seed', () => {
    expect(FAMILY_ROTATION).toHaveLength(25);
    expect(FAMILY_ROTATION.filter((family) => FAMILY_TRAITS[family].rows === 2)).toHaveLength(8);
    expect(new Set(FAMILY_ROTATION)).toEqual(new Set(PLATE_FAMILIES));
  });
});

describe('synthetic plate layouts', () => {
  const random = seededRandom(3);

  it.each(PLATE_FAMILIES)(
    '%s: the standard size, one box per character, all inside in reading order',
    (family) => {
      const text = plateText(family, random);
      const layout = plateLayout(family, text);
      const { rows } = FAMILY_TRAITS[family];
      const newEnergy = family.startsWith('new-energy');
      expect([layout.width, layout.height]).toEqual(newEnergy ? [480, 140] : [440, rows === 2 ? 220 : 140]);
      expect(layout.boxes.map((b) => b.char).join('')).toBe(text);
      for (const box of layout.boxes) {
        expect(box.x).toBeGreaterThan(0);
        expect(box.y).toBeGreaterThan(0);
        expect(box.x + box.width).toBeLessThan(layout.width);
        expect(box.y + box.height).toBeLessThan(layout.height);
      }
      // Rows: the tops the boxes share; within a row, left to right without overlap.
      const tops = [...new Set(layout.boxes.map((b) => b.y))];
      expect(tops).toHaveLength(rows);
      for (const top of tops) {
        const row = layout.boxes.filter((b) => b.y === top);
        row
          .slice(1)
          .forEach((box, i) => expect(box.x).toBeGreaterThan((row[i]?.x ?? 0) + (row[i]?.width ?? 0)));
      }
      expect(layout.dots).toHaveLength(1);
    },
  );

  it('puts the separator dot in the wide gap between the second and third characters of a single-row plate', () => {
    const layout = plateLayout('blue-small', '京A12345');
    const [, second, third] = layout.boxes;
    expect(third!.x - (second!.x + second!.width)).toBe(34);
    expect(layout.dots[0]).toEqual({ cx: second!.x + second!.width + 17, cy: 70, r: 5 });
  });
});
