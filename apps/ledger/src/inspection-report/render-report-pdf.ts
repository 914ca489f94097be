import PDFDocument from 'pdfkit';
import { type ReportBlock, type ReportDocument } from './report-document';

/** The CJK font: a file (TTF/OTF or a collection) and, for a collection, the face's PostScript name. */
export interface ReportFont {
  readonly file: string;
  readonly face?: string;
}

const MARGIN = 50;
const BODY = 9;
const PADDING = 3;

/** Lays out a report document with pdfkit (A4); the font is embedded as a subset with its ToUnicode map. */
export function renderReportPdf(
  document: ReportDocument,
  font: ReportFont,
  createdAt: Date,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: document.title, Creator: 'Ecogate ledger', CreationDate: createdAt, ModDate: createdAt },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', font.file, font.face);
  doc.font('cjk');
  doc.fontSize(16).text(document.title, { align: 'center' }).moveDown(0.8);
  for (const block of document.blocks) renderBlock(doc, block);
  doc.end();
  return done;
}

const width = (doc: PDFKit.PDFDocument) => doc.page.width - 2 * MARGIN;
const bottom = (doc: PDFKit.PDFDocument) => doc.page.height - MARGIN;

function renderBlock(doc: PDFKit.PDFDocument, block: ReportBlock): void {
  switch (block.kind) {
    case 'heading':
      if (doc.y + 40 > bottom(doc)) doc.addPage();
      doc.moveDown(0.6).fontSize(12).text(block.text, MARGIN, doc.y).moveDown(0.3);
      return;
    case 'paragraph':
      doc
        .fontSize(BODY)
        .text(block.text, MARGIN, doc.y, { width: width(doc) })
        .moveDown(0.5);
      return;
    case 'fields':
      table(doc, [0.28, 0.72], block.rows, false);
      return;
    case 'table':
      table(doc, columnShares(block.columns.length), [block.columns, ...block.rows], true);
      return;
  }
}

/** Narrow first column (numbers, stages), the rest shared. */
function columnShares(count: number): number[] {
  if (count <= 3) return Array.from({ length: count }, () => 1 / count);
  const first = 0.07;
  return [first, ...Array.from({ length: count - 1 }, () => (1 - first) / (count - 1))];
}

function table(
  doc: PDFKit.PDFDocument,
  shares: readonly number[],
  rows: readonly (readonly string[])[],
  header: boolean,
): void {
  doc.fontSize(BODY);
  const total = width(doc);
  rows.forEach((row, index) => {
    // A cell's width: its column's share (a row never has more cells than shares).
    const cells = row.map((text, column) => ({ text, width: (shares[column] ?? 0) * total }));
    const height =
      Math.max(...cells.map((cell) => doc.heightOfString(cell.text, { width: cell.width - 2 * PADDING }))) +
      2 * PADDING;
    if (doc.y + height > bottom(doc)) doc.addPage();
    const top = doc.y;
    let x = MARGIN;
    if (header && index === 0) doc.rect(MARGIN, top, total, height).fill('#eeeeee').fillColor('black');
    for (const cell of cells) {
      doc.rect(x, top, cell.width, height).lineWidth(0.5).stroke('#999999');
      doc.fillColor('black').text(cell.text, x + PADDING, top + PADDING, { width: cell.width - 2 * PADDING });
      x += cell.width;
    }
    doc.x = MARGIN;
    doc.y = top + height;
  });
  doc.moveDown(0.4);
}
