import { inflateSync } from 'node:zlib';

/**
 * The text of a PDF as pdfkit writes it (tests only): each content stream's hex glyph strings
 * (`[<…> n <…>] TJ`) mapped back to Unicode through the fonts' ToUnicode CMaps. Enough to prove
 * the Chinese text is really in the file, without a PDF library.
 */
export function pdfText(pdf: Buffer): string {
  const streams: string[] = [];
  const source = pdf.toString('latin1');
  const pattern = /<<([^]*?)>>\s*stream\r?\n/g;
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    const start = match.index + match[0].length;
    const end = source.indexOf('endstream', start);
    const raw = pdf.subarray(start, end);
    try {
      streams.push((match[1]!.includes('/FlateDecode') ? inflateSync(raw) : raw).toString('latin1'));
    } catch {
      // A font program or image that does not inflate here: not text.
    }
  }
  const unicode = new Map<string, string>();
  for (const stream of streams.filter((s) => s.includes('beginbfrange'))) {
    for (const range of stream.matchAll(/<([0-9a-f]+)> <([0-9a-f]+)> \[([^\]]*)\]/gi)) {
      const first = parseInt(range[1]!, 16);
      // A ligature maps to several code units, written with spaces between them (`<0066 006c>`).
      [...range[3]!.matchAll(/<([0-9a-f\s]+)>/gi)].forEach((code, offset) => {
        const hex = code[1]!.replace(/\s/g, '');
        const units = hex.match(/.{4}/g)!.map((unit) => parseInt(unit, 16));
        unicode.set((first + offset).toString(16).padStart(4, '0'), String.fromCharCode(...units));
      });
    }
  }
  const lines: string[] = [];
  for (const stream of streams.filter((s) => s.includes('TJ'))) {
    for (const array of stream.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      const glyphs = [...array[1]!.matchAll(/<([0-9a-f]*)>/gi)].map((hex) => hex[1]!).join('');
      lines.push(
        (glyphs.match(/.{4}/g) ?? []).map((glyph) => unicode.get(glyph.toLowerCase()) ?? '\ufffd').join(''),
      );
    }
  }
  return lines.join('\n');
}
