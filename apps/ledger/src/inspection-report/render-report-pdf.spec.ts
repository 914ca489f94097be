import { existsSync } from 'node:fs';
import { pdfText } from '../testing/pdf-text';
import { DEFAULT_REPORT_FONT } from './report.config';
import { reportDocument } from './report-document';
import { reportFixture } from './report-fixture';
import { renderReportPdf } from './render-report-pdf';

// The image installs fonts-noto-cjk; a machine without it cannot render Chinese at all.
const hasFont = existsSync(DEFAULT_REPORT_FONT.file);

(hasFont ? describe : describe.skip)('renderReportPdf', () => {
  it('writes a PDF whose text, read back through its ToUnicode map, is the Chinese report', async () => {
    const pdf = await renderReportPdf(
      reportDocument(reportFixture()),
      DEFAULT_REPORT_FONT,
      new Date('2026-04-01T03:00:00Z'),
    );
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Lines wrapped within a table cell come back as separate lines.
    const text = pdfText(pdf).replace(/\n/g, '');
    for (const expected of [
      '重污染天气应急运输核查报告',
      '核查期间',
      '冀A12345',
      '不一致：随车清单与车辆不符',
      '未发现篡改',
      'seed-42',
      'ab12:cd34',
    ])
      expect(text).toContain(expected);
    // Not a lucky match: text that is not in the report is not found.
    expect(text).not.toContain('发现篡改：');
  });
});
