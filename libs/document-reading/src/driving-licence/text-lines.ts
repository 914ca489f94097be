import { type CharacterRead, type Quad } from '@ecogate/lpr';

/** One detected line as the recogniser read it. */
export interface ReadLine {
  readonly text: string;
  readonly characters: readonly CharacterRead[];
  readonly quad: Quad;
}

/** A printed row of the document: its lines left to right, joined by a space of confidence 1. */
export interface TextRow {
  readonly text: string;
  readonly characters: readonly CharacterRead[];
}

export const LINE_SEPARATOR: CharacterRead = { char: ' ', confidence: 1 };

/** A row from plain text, every character with the same confidence (tests, and typed input). */
export function textRow(text: string, confidence = 1): TextRow {
  const characters = Array.from(text, (char) => (char === ' ' ? LINE_SEPARATOR : { char, confidence }));
  return { text: characters.map((c) => c.char).join(''), characters };
}

/**
 * Groups lines into printed rows. Positions are taken in the document's own frame (rotated by the
 * lines' median tilt), so a photo taken at an angle still has its label and value on one row.
 */
export function arrangeRows(lines: readonly ReadLine[]): TextRow[] {
  if (lines.length === 0) return [];
  const tilt = median(lines.map(({ quad: [tl, tr] }) => Math.atan2(tr.y - tl.y, tr.x - tl.x)));
  const cos = Math.cos(tilt);
  const sin = Math.sin(tilt);
  const placed = lines
    .map((line) => {
      const [tl, , , bl] = line.quad;
      const cx = line.quad.reduce((s, p) => s + p.x, 0) / 4;
      const cy = line.quad.reduce((s, p) => s + p.y, 0) / 4;
      return {
        line,
        x: cx * cos + cy * sin,
        y: -cx * sin + cy * cos,
        height: Math.hypot(bl.x - tl.x, bl.y - tl.y),
      };
    })
    .sort((a, b) => a.y - b.y);
  const rows: { y: number; height: number; members: typeof placed }[] = [];
  for (const item of placed) {
    const row = rows.find((r) => Math.abs(r.y - item.y) < 0.5 * Math.min(r.height, item.height));
    if (row) row.members.push(item);
    else rows.push({ y: item.y, height: item.height, members: [item] });
  }
  return rows.map((row) => {
    const characters: CharacterRead[] = [];
    for (const { line } of row.members.sort((a, b) => a.x - b.x)) {
      if (characters.length > 0) characters.push(LINE_SEPARATOR);
      characters.push(...line.characters);
    }
    return { text: characters.map((c) => c.char).join(''), characters };
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
