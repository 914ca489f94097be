import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { type Writable } from 'node:stream';
import * as ExcelJS from 'exceljs';
import { type ChainRootsSheetSpec, writeChainRootsSheet } from './chain-roots-sheet';
import { type SheetLayout } from './export-rows';

/** Bytes of sheet XML allowed to wait for the zip before `add` waits (see `drain`). */
const BUFFERED_BYTES_LIMIT = 1 << 20;
/** Rows between two looks at that buffer. */
const DRAIN_CHECK_ROWS = 256;
/**
 * The style of every data cell: one object, so exceljs finds its style id in its cache instead of
 * serialising a fresh `{}` per cell (that doubled the cost of a row).
 */
const PLAIN_STYLE: Partial<ExcelJS.Style> = {};

interface StreamState {
  readonly length: number;
}

/** exceljs' worksheet writer as far as the backpressure needs it (not in its typings). */
interface StreamingWorksheet extends ExcelJS.Worksheet {
  readonly stream?: { readonly pipes?: readonly (Writable & { _writableState?: StreamState })[] };
}

/**
 * Writes a ledger sheet to an `.xlsx` file with exceljs' streaming `WorkbookWriter`: rows are
 * committed as they come, so memory does not grow with the row count. A frozen, bold header
 * with an auto-filter, the layout's widths, and a new worksheet (`name (2)` …) every
 * `maxRowsPerSheet` rows (Excel stops at 1 048 576).
 *
 * exceljs hands each worksheet's XML to the zip without backpressure: a producer faster than
 * the deflate (a database read is) would buffer the whole sheet in memory. `add` therefore
 * waits, every few hundred rows, until the zip's input has drained below 1 MiB.
 */
export class LedgerSheetWriter {
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private sheet: StreamingWorksheet;
  private sheets = 1;
  private rowsInSheet = 0;
  private rows = 0;
  private bufferedPeak = 0;

  private constructor(
    private readonly file: WriteStream,
    private readonly layout: SheetLayout,
    private readonly maxRowsPerSheet: number,
  ) {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: file,
      useStyles: true,
      useSharedStrings: false,
    });
    this.workbook.creator = 'Ecogate';
    this.sheet = this.openSheet();
  }

  static create(
    filename: string,
    layout: SheetLayout,
    options: { maxRowsPerSheet: number },
  ): LedgerSheetWriter {
    if (layout.columns.length === 0) throw new Error('a sheet needs columns');
    if (!Number.isInteger(options.maxRowsPerSheet) || options.maxRowsPerSheet < 1)
      throw new Error(`maxRowsPerSheet must be a positive integer, not ${options.maxRowsPerSheet}`);
    return new LedgerSheetWriter(createWriteStream(filename), layout, options.maxRowsPerSheet);
  }

  get rowCount(): number {
    return this.rows;
  }

  /** The most sheet XML seen waiting for the zip at a check, in bytes (`undefined` internals: 0). */
  get peakBufferedBytes(): number {
    return this.bufferedPeak;
  }

  async add(cells: readonly string[]): Promise<void> {
    if (this.rowsInSheet === this.maxRowsPerSheet) {
      this.sheet.commit();
      this.sheets += 1;
      this.rowsInSheet = 0;
      this.sheet = this.openSheet();
    }
    const row = this.sheet.addRow([...cells]);
    row.eachCell((cell) => {
      cell.style = PLAIN_STYLE;
    });
    row.commit();
    this.rowsInSheet += 1;
    this.rows += 1;
    if (this.rows % DRAIN_CHECK_ROWS === 0) await this.drain();
  }

  /** Finishes the file, with the period's signed chain roots when given; resolves once it is on disk. */
  async close(chainRoots?: ChainRootsSheetSpec): Promise<{ rows: number; sheets: number }> {
    if (chainRoots) {
      this.sheet.commit();
      writeChainRootsSheet(this.workbook, chainRoots);
    }
    await this.workbook.commit();
    return { rows: this.rows, sheets: this.sheets };
  }

  /** Stops writing and closes the file without finishing it (the caller removes it). */
  async abort(): Promise<void> {
    (this.workbook as unknown as { zip?: { abort?: () => void } }).zip?.abort?.();
    if (!this.file.closed) {
      const closed = once(this.file, 'close').catch(() => undefined);
      this.file.destroy();
      await closed;
    }
  }

  private openSheet(): StreamingWorksheet {
    const { columns, sheetName } = this.layout;
    const name = this.sheets === 1 ? sheetName : `${sheetName} (${this.sheets})`;
    const sheet = this.workbook.addWorksheet(name, {
      views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
    }) as StreamingWorksheet;
    sheet.columns = columns.map((column) => ({ header: column.title, width: column.width }));
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.alignment = { vertical: 'middle' };
    header.commit();
    return sheet;
  }

  /** Waits while the zip has more than `BUFFERED_BYTES_LIMIT` of this sheet's XML still to read. */
  private async drain(): Promise<void> {
    const input = this.sheet.stream?.pipes?.[0];
    const buffered = input?._writableState?.length;
    this.bufferedPeak = Math.max(this.bufferedPeak, buffered ?? 0);
    if (input && buffered !== undefined && buffered > BUFFERED_BYTES_LIMIT) await once(input, 'drain');
    // Without that internal (another exceljs version), at least let the zip have a turn.
    else if (buffered === undefined) await new Promise((resolve) => setImmediate(resolve));
  }
}
