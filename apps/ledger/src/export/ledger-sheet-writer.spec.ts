import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import { sheetLayout } from './export-rows';
import { LedgerSheetWriter } from './ledger-sheet-writer';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ledger-sheet-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const layout = sheetLayout('machinery', false);
const row = (i: number) => [`CODE-${i}`, '20140601', 'X', `机械-${i}`, ''];

async function readBack(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

const values = (sheet: ExcelJS.Worksheet, rowNumber: number): unknown[] =>
  (sheet.getRow(rowNumber).values as unknown[]).slice(1);

describe('LedgerSheetWriter', () => {
  it('writes a bold, frozen, filtered header with the layout’s widths, then the rows as text', async () => {
    const file = join(dir, 'sheet.xlsx');
    const writer = LedgerSheetWriter.create(file, layout, { maxRowsPerSheet: 1000 });
    for (let i = 1; i <= 3; i++) await writer.add(row(i));
    expect(await writer.close()).toEqual({ rows: 3, sheets: 1 });

    const workbook = await readBack(file);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['非道路移动机械台账']);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    expect(values(sheet, 1)).toEqual(layout.columns.map((column) => column.title));
    expect(sheet.getRow(1).font).toMatchObject({ bold: true });
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.columns.map((column) => column.width)).toEqual(layout.columns.map((column) => column.width));
    expect(sheet.autoFilter).toBeDefined();
    // An empty cell (备注) is not written, so a row reads back without it.
    expect(values(sheet, 2)).toEqual(row(1).slice(0, 4));
    expect(values(sheet, 4)).toEqual(row(3).slice(0, 4));
    expect(sheet.actualRowCount).toBe(4);
  });

  it('continues on a new worksheet with the same header past maxRowsPerSheet', async () => {
    const file = join(dir, 'sheets.xlsx');
    const writer = LedgerSheetWriter.create(file, layout, { maxRowsPerSheet: 2 });
    for (let i = 1; i <= 5; i++) await writer.add(row(i));
    expect(await writer.close()).toEqual({ rows: 5, sheets: 3 });

    const workbook = await readBack(file);
    expect(workbook.worksheets.map((sheet) => [sheet.name, sheet.actualRowCount])).toEqual([
      ['非道路移动机械台账', 3],
      ['非道路移动机械台账 (2)', 3],
      ['非道路移动机械台账 (3)', 2],
    ]);
    const last = workbook.worksheets[2] as ExcelJS.Worksheet;
    expect(values(last, 1)).toEqual(layout.columns.map((column) => column.title));
    expect(values(last, 2)).toEqual(row(5).slice(0, 4));
  });

  it('writes an empty ledger as its header alone', async () => {
    const file = join(dir, 'empty.xlsx');
    const writer = LedgerSheetWriter.create(file, sheetLayout('passages', true), { maxRowsPerSheet: 10 });
    expect(await writer.close()).toEqual({ rows: 0, sheets: 1 });
    const sheet = (await readBack(file)).worksheets[0] as ExcelJS.Worksheet;
    expect(values(sheet, 1)[0]).toBe('企业编号');
    expect(sheet.actualRowCount).toBe(1);
  });

  it('keeps memory flat while rows come faster than the zip compresses them', async () => {
    const file = join(dir, 'large.xlsx');
    const writer = LedgerSheetWriter.create(file, sheetLayout('passages', false), {
      maxRowsPerSheet: 1_000_000,
    });
    const cells = [
      '20240305 090203',
      '20240305 110405',
      '冀A12345',
      '黄色',
      '20210815',
      'LFWSRXRJ1M1F12345',
      'WP10H400E62-123456',
      '6',
      '铁矿石',
      '31.5',
      '自有',
      '',
    ];
    for (let i = 0; i < 30_000; i++) await writer.add(cells);
    await writer.close();
    // Without the backpressure the whole sheet's XML (about 15 MB here) waits in the zip's input.
    expect(writer.peakBufferedBytes).toBeGreaterThan(0);
    expect(writer.peakBufferedBytes).toBeLessThan(2 * 1024 * 1024);
    expect((await stat(file)).size).toBeGreaterThan(100_000);
  });

  it('abort closes the file without finishing it', async () => {
    const file = join(dir, 'aborted.xlsx');
    const writer = LedgerSheetWriter.create(file, layout, { maxRowsPerSheet: 10 });
    await writer.add(row(1));
    await writer.abort();
    await expect(readBack(file)).rejects.toThrow();
  });

  it('refuses a layout without columns and a sheet limit below one', () => {
    expect(() =>
      LedgerSheetWriter.create(join(dir, 'x.xlsx'), { sheetName: 'x', columns: [] }, { maxRowsPerSheet: 1 }),
    ).toThrow('columns');
    expect(() => LedgerSheetWriter.create(join(dir, 'y.xlsx'), layout, { maxRowsPerSheet: 0 })).toThrow(
      'maxRowsPerSheet',
    );
  });
});
