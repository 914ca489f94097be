import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import { rootMessage } from '../chain/chain-maths';
import { CHAIN_ROOTS_HEADER_ROW, CHAIN_ROOTS_SHEET_NAME, type ExportedChainRoot } from './chain-roots-sheet';
import { sheetLayout } from './export-rows';
import { LedgerSheetWriter } from './ledger-sheet-writer';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chain-roots-sheet-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const { privateKey } = generateKeyPairSync('ed25519');
const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
const signed = (day: string, lastSeq: number): ExportedChainRoot => {
  const unsigned = { enterpriseId: 'ent-a', day, lastSeq, lastHash: 'ab'.repeat(32), count: 3 };
  return {
    ...unsigned,
    keyId: 'k1',
    signature: sign(null, Buffer.from(rootMessage(unsigned)), privateKey).toString('base64'),
  };
};

describe('the chain roots sheet', () => {
  it('follows the ledger rows, and a reader checks each root offline with the key in its header', async () => {
    const file = join(dir, 'export.xlsx');
    const writer = LedgerSheetWriter.create(file, sheetLayout('machinery', false), { maxRowsPerSheet: 10 });
    await writer.add(['CODE-1', '20140601', 'X', '机械-1', '']);
    const roots = [signed('2026-12-01', 3), signed('2026-12-02', 6)];
    expect(await writer.close({ publicKeyPem, roots })).toEqual({ rows: 1, sheets: 1 });

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      '非道路移动机械台账',
      CHAIN_ROOTS_SHEET_NAME,
    ]);
    const sheet = workbook.getWorksheet(CHAIN_ROOTS_SHEET_NAME) as ExcelJS.Worksheet;
    const key = createPublicKey(String(sheet.getCell('B3').value));
    const read = [CHAIN_ROOTS_HEADER_ROW + 1, CHAIN_ROOTS_HEADER_ROW + 2].map((n) => {
      const [enterpriseId, day, lastSeq, lastHash, count, keyId, signature] = (
        sheet.getRow(n).values as unknown[]
      ).slice(1);
      return { enterpriseId, day, lastSeq, lastHash, count, keyId, signature } as ExportedChainRoot;
    });
    expect(read).toEqual(roots);
    for (const root of read) {
      expect(verify(null, Buffer.from(rootMessage(root)), key, Buffer.from(root.signature, 'base64'))).toBe(
        true,
      );
    }
    // A root rewritten after the fact no longer matches its signature.
    const rewritten = { ...(read[0] as ExportedChainRoot), count: 2 };
    expect(
      verify(null, Buffer.from(rootMessage(rewritten)), key, Buffer.from(rewritten.signature, 'base64')),
    ).toBe(false);
  });

  it('leaves the workbook as it was without roots', async () => {
    const file = join(dir, 'plain.xlsx');
    const writer = LedgerSheetWriter.create(file, sheetLayout('machinery', false), { maxRowsPerSheet: 10 });
    await writer.close();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['非道路移动机械台账']);
  });
});
