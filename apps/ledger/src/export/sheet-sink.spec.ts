import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import { type MachinerySource } from './export-rows';
import { SheetThreadSink, SheetWriterSink, type SheetSpec } from './sheet-sink';

jest.setTimeout(60_000);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sheet-sink-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const machines = (from: number, count: number): MachinerySource[] =>
  Array.from({ length: count }, (_, i) => ({
    registrationCode: `NRMM-${String(from + i).padStart(4, '0')}`,
    productionDate: '2014-06-01',
    emissionStage: i % 2 === 0 ? 'IV' : 'none',
    machineCode: i % 3 === 0 ? null : `M-${from + i}`,
  }));

async function rowsOf(file: string): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook.worksheets.flatMap((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return rows;
  });
}

describe('SheetThreadSink', () => {
  const spec = (name: string): SheetSpec => ({
    file: join(dir, name),
    ledger: 'machinery',
    severalEnterprises: true,
    maxRowsPerSheet: 1_000,
  });

  it('writes in a worker thread the file the in-process sink writes', async () => {
    const inThread = new SheetThreadSink(spec('thread.xlsx'));
    const here = new SheetWriterSink(spec('here.xlsx'));
    for (const [sink, pages] of [
      [inThread, 6],
      [here, 6],
    ] as const) {
      for (let page = 0; page < pages; page++) {
        await sink.ready();
        await sink.write(machines(page * 100, 100), page < 3 ? 'ent-a' : 'ent-b');
      }
    }
    expect(await inThread.close()).toEqual({ rows: 600, sheets: 1 });
    expect(inThread.written).toBe(600);
    expect(await here.close()).toEqual({ rows: 600, sheets: 1 });
    const written = await rowsOf(join(dir, 'thread.xlsx'));
    expect(written).toEqual(await rowsOf(join(dir, 'here.xlsx')));
    expect(written).toHaveLength(601);
    expect(written[1]).toEqual(['ent-a', 'NRMM-0000', '20140601', '4']);
  });

  it('refuses pages once the thread failed, and says why on close', async () => {
    const sink = new SheetThreadSink({ ...spec('bad.xlsx'), maxRowsPerSheet: 0 });
    await expect(
      (async () => {
        for (;;) {
          await sink.ready();
          await sink.write(machines(0, 10));
        }
      })(),
    ).rejects.toThrow(/maxRowsPerSheet/);
    await expect(sink.close()).rejects.toThrow(/maxRowsPerSheet/);
  });

  it('abort ends the thread', async () => {
    const sink = new SheetThreadSink(spec('aborted.xlsx'));
    await sink.write(machines(0, 10));
    await sink.abort();
    await expect(sink.close()).rejects.toThrow(/ended/);
  });
});
