import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SheetThreadSink } from './sheet-sink';

/**
 * `--check`: a sheet thread started as an export starts one (`sheet-thread.js` beside `main.js` in
 * the build) writes an empty workbook into the temporary folder (`/tmp` in a container).
 */
export async function checkSheetThread(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ledger-check-'));
  try {
    const file = join(dir, 'check.xlsx');
    const sink = new SheetThreadSink({
      file,
      ledger: 'passages',
      severalEnterprises: false,
      maxRowsPerSheet: 10,
    });
    const { sheets } = await sink.close();
    return `sheet thread: an empty workbook written (${sheets} sheet, ${(await stat(file)).size} bytes) in ${tmpdir()}`;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
