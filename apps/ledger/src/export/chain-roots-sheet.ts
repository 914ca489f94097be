import type * as ExcelJS from 'exceljs';
import { type ChainRoot } from '../chain/chain-roots';

/** One signed daily root as the export shows it (`ledger_chain_roots`, see docs/ledger.md "Hash chain"). */
export type ExportedChainRoot = ChainRoot;

/** The signed roots of an export's period, and the public half of the key that signed them. */
export interface ChainRootsSheetSpec {
  /** SPKI PEM of the cluster's chain signing key. */
  readonly publicKeyPem: string;
  readonly roots: readonly ExportedChainRoot[];
}

export const CHAIN_ROOTS_SHEET_NAME = '台账校验';
/** The row of the column titles; the rows above explain how to check a root offline. */
export const CHAIN_ROOTS_HEADER_ROW = 5;
const COLUMNS = [
  { title: '企业编号', width: 22 },
  { title: '日期', width: 12 },
  { title: '末条序号', width: 10 },
  { title: '末条哈希 (SM3, hex)', width: 68 },
  { title: '条目数', width: 8 },
  { title: '密钥编号', width: 14 },
  { title: '签名 (Ed25519, base64)', width: 90 },
] as const;

/**
 * Appends the 「台账校验」 sheet: each signed daily root of the period with the public key in the
 * header, so a reader checks every root offline (Ed25519 over the message in row 2) and a later
 * rewrite of the ledger cannot hide behind a recomputed chain. A few rows a day: written at once.
 */
export function writeChainRootsSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  spec: ChainRootsSheetSpec,
): void {
  const sheet = workbook.addWorksheet(CHAIN_ROOTS_SHEET_NAME);
  sheet.columns = COLUMNS.map((column) => ({ width: column.width }));
  const lines: string[][] = [
    ['每日台账根由集群密钥签名 (Ed25519)；签名的消息 (UTF-8, 以换行分隔)：'],
    ['ecogate-ledger-chain-root/v1', '企业编号', '日期', '末条序号', '末条哈希', '条目数'],
    ['公钥 (SPKI PEM)：', spec.publicKeyPem],
    [],
    COLUMNS.map((column) => column.title),
  ];
  for (const line of lines) {
    const row = sheet.addRow(line);
    if (row.number === CHAIN_ROOTS_HEADER_ROW) row.font = { bold: true };
    row.commit();
  }
  for (const root of spec.roots) {
    sheet
      .addRow([
        root.enterpriseId,
        root.day,
        root.lastSeq,
        root.lastHash,
        root.count,
        root.keyId,
        root.signature,
      ])
      .commit();
  }
  sheet.commit();
}
