import { type Quad } from '@ecogate/lpr';
import { arrangeRows, type ReadLine } from './text-lines';

const line = (text: string, x: number, y: number, tiltDeg = 0): ReadLine => {
  const width = text.length * 20;
  const height = 24;
  const a = (tiltDeg * Math.PI) / 180;
  const at = (dx: number, dy: number) => ({
    x: x + dx * Math.cos(a) - dy * Math.sin(a),
    y: y + dx * Math.sin(a) + dy * Math.cos(a),
  });
  const quad: Quad = [at(0, 0), at(width, 0), at(width, height), at(0, height)];
  return { text, characters: Array.from(text, (char) => ({ char, confidence: 0.9 })), quad };
};

describe('arrangeRows', () => {
  it('joins a row’s lines left to right and keeps rows top to bottom', () => {
    const rows = arrangeRows([
      line('冀B12345', 200, 100),
      line('注册日期', 40, 160),
      line('号牌号码', 40, 102),
    ]);
    expect(rows.map((r) => r.text)).toEqual(['号牌号码 冀B12345', '注册日期']);
    expect(rows[0]?.characters).toHaveLength(12);
  });

  it('keeps a tilted page’s label and value on one row', () => {
    // Rotated 8° about the origin: the value sits 28 px lower than its label in the photo.
    const tilt = 8;
    const at = (x: number, y: number) => {
      const a = (tilt * Math.PI) / 180;
      return { x: x * Math.cos(a) - y * Math.sin(a), y: x * Math.sin(a) + y * Math.cos(a) };
    };
    const p1 = at(40, 100);
    const p2 = at(240, 100);
    const p3 = at(40, 160);
    const rows = arrangeRows([
      line('号牌号码', p1.x, p1.y, tilt),
      line('冀B12345', p2.x, p2.y, tilt),
      line('注册日期', p3.x, p3.y, tilt),
    ]);
    expect(rows.map((r) => r.text)).toEqual(['号牌号码 冀B12345', '注册日期']);
  });

  it('has no rows without lines', () => {
    expect(arrangeRows([])).toEqual([]);
  });
});
