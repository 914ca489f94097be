import { toStageExportCode, type EmissionStage, type StageExportCode } from '../emission';
import { err, ok, type DomainError, type Result } from '../shared/result';
import { SHANGHAI_OFFSET_MINUTES, type IsoDate } from '../vehicle';
import { fitWidth, LEDGER_FIELD_WIDTHS, type WidthField } from './field-width';
import {
  type InPlantLedgerRecord,
  type MachineryLedgerRecord,
  type TransportLedgerRecord,
} from './ledger-records';
import { formatLedgerDate, formatLedgerTimestamp } from './ledger-time-format';

/** Quantity is `(4,1)`: four digits, one after the point, so at most 999.9 t. */
export const MAX_CARGO_TONNES = 999.9;

export type ExportProblemCode =
  'too-long' | 'invalid-date' | 'invalid-time' | 'quantity-out-of-range' | 'stage-not-allowed';
export type ExportWarningCode = 'truncated' | 'rounded';

export interface ExportProblem {
  readonly field: string;
  readonly code: ExportProblemCode;
  readonly reason: string;
}

export interface ExportWarning {
  readonly field: string;
  readonly code: ExportWarningCode;
  readonly reason: string;
}

export type LedgerExportError = DomainError<'export-rejected'> & {
  readonly problems: readonly ExportProblem[];
};

export interface Exported<R> {
  readonly row: R;
  readonly warnings: readonly ExportWarning[];
}

export interface ExportOptions {
  /** The site's UTC offset; Asia/Shanghai (+480) by default. */
  readonly offsetMinutes?: number;
}

/** Guide columns; a missing value exports as an empty string (completeness reports it). */
export interface TransportExportRow {
  readonly entryTime: string;
  readonly exitTime: string;
  readonly plateNumber: string;
  readonly plateColour: string;
  readonly registrationDate: string;
  readonly vin: string;
  readonly engineNumber: string;
  readonly emissionStage: StageExportCode | '';
  readonly cargoName: string;
  readonly cargoQuantity: string;
  readonly fleetName: string;
}

export interface InPlantExportRow {
  readonly registrationOrInternalNumber: string;
  readonly registrationDate: string;
  readonly vin: string;
  readonly engineNumber: string;
  readonly emissionStage: StageExportCode | '';
}

export interface MachineryExportRow {
  readonly environmentalRegistrationCode: string;
  readonly productionDate: string;
  readonly emissionStage: StageExportCode | '';
  readonly machineCode: string;
}

/**
 * The guide's column titles (表头), in column order: a sheet or a file for a platform writes its
 * header from these, so the order and wording live here once. Keys are the export rows' fields.
 */
export const TRANSPORT_EXPORT_TITLES = {
  entryTime: '进厂时间',
  exitTime: '出厂时间',
  plateNumber: '车牌号码',
  plateColour: '号牌颜色',
  registrationDate: '注册登记日期',
  vin: '车辆识别代号（VIN）',
  engineNumber: '发动机号码',
  emissionStage: '排放阶段',
  cargoName: '运输货物名称',
  cargoQuantity: '运输量（吨）',
  fleetName: '车队名称',
} as const satisfies Readonly<Record<keyof TransportExportRow, string>>;

export const IN_PLANT_EXPORT_TITLES = {
  registrationOrInternalNumber: '车牌号码或内部编号',
  registrationDate: '注册登记日期',
  vin: '车辆识别代号（VIN）',
  engineNumber: '发动机号码',
  emissionStage: '排放阶段',
} as const satisfies Readonly<Record<keyof InPlantExportRow, string>>;

export const MACHINERY_EXPORT_TITLES = {
  environmentalRegistrationCode: '环保登记编码',
  productionDate: '生产日期',
  emissionStage: '排放阶段',
  machineCode: '机械环保代码',
} as const satisfies Readonly<Record<keyof MachineryExportRow, string>>;

/** Collects every problem of a record, so a clerk sees them all at once. */
class RowMapper {
  readonly problems: ExportProblem[] = [];
  readonly warnings: ExportWarning[] = [];

  constructor(private readonly offsetMinutes: number) {}

  text(field: WidthField, value: string | undefined): string {
    if (value === undefined) return '';
    const fitted = fitWidth(field, value);
    if (!fitted.ok) {
      const { width, length } = fitted.error;
      this.problems.push({
        field,
        code: 'too-long',
        reason: `${field} has ${length} characters, the column ${width}; identifiers are never shortened`,
      });
      return '';
    }
    if (fitted.value.truncated) {
      this.warnings.push({
        field,
        code: 'truncated',
        reason: `${field} shortened to ${LEDGER_FIELD_WIDTHS[field].width} characters`,
      });
    }
    return fitted.value.value;
  }

  time(field: string, value: Date | undefined): string {
    if (value === undefined) return '';
    const formatted = formatLedgerTimestamp(value, this.offsetMinutes);
    if (formatted === undefined)
      this.problems.push({ field, code: 'invalid-time', reason: `${field} is not a valid instant` });
    return formatted ?? '';
  }

  date(field: string, value: IsoDate | undefined): string {
    if (value === undefined) return '';
    const formatted = formatLedgerDate(value);
    if (formatted === undefined) {
      this.problems.push({
        field,
        code: 'invalid-date',
        reason: `${field} "${value}" is not a YYYY-MM-DD date`,
      });
    }
    return formatted ?? '';
  }

  /** `X` (no stage) exists for machinery only; a road vehicle always has a stage or `D`. */
  stage(value: EmissionStage | undefined, machinery: boolean): StageExportCode | '' {
    if (value === undefined) return '';
    if (value === 'none' && !machinery) {
      this.problems.push({
        field: 'emissionStage',
        code: 'stage-not-allowed',
        reason: 'X (no stage) is a machinery code; a road vehicle needs 0–6 or D',
      });
      return '';
    }
    return toStageExportCode(value);
  }

  /** Rounded to the column's one decimal; out of range is refused, never capped. */
  tonnes(value: number | undefined): string {
    if (value === undefined) return '';
    const rounded = Math.round(value * 10) / 10;
    if (!Number.isFinite(value) || rounded < 0 || rounded > MAX_CARGO_TONNES) {
      this.problems.push({
        field: 'cargoQuantity',
        code: 'quantity-out-of-range',
        reason: `cargo quantity ${value} t is outside 0–${MAX_CARGO_TONNES} t (column 4,1)`,
      });
      return '';
    }
    if (rounded !== value) {
      this.warnings.push({
        field: 'cargoQuantity',
        code: 'rounded',
        reason: `${value} t rounded to ${rounded} t`,
      });
    }
    return rounded.toFixed(1);
  }

  finish<R>(row: R): Result<Exported<R>, LedgerExportError> {
    return this.problems.length > 0
      ? err({
          code: 'export-rejected',
          reason: this.problems.map((problem) => problem.reason).join('; '),
          problems: this.problems,
        })
      : ok({ row, warnings: this.warnings });
  }
}

const mapperFor = (options: ExportOptions): RowMapper =>
  new RowMapper(options.offsetMinutes ?? SHANGHAI_OFFSET_MINUTES);

/** Maps a transport record to the guide's columns (domain.md §2 A). */
export function exportTransportRecord(
  record: TransportLedgerRecord,
  options: ExportOptions = {},
): Result<Exported<TransportExportRow>, LedgerExportError> {
  const m = mapperFor(options);
  return m.finish<TransportExportRow>({
    entryTime: m.time('entryTime', record.entryAt),
    exitTime: m.time('exitTime', record.exitAt),
    plateNumber: m.text('plateNumber', record.plate),
    plateColour: record.plateColour ?? '',
    registrationDate: m.date('registrationDate', record.registrationDate),
    vin: m.text('vin', record.vin),
    engineNumber: m.text('engineNumber', record.engineNumber),
    emissionStage: m.stage(record.emissionStage, false),
    cargoName: m.text('cargoName', record.cargoName),
    cargoQuantity: m.tonnes(record.cargoTonnes),
    fleetName: m.text('fleetName', record.fleetName),
  });
}

/** Maps an in-plant vehicle record (domain.md §2 B). */
export function exportInPlantRecord(
  record: InPlantLedgerRecord,
  options: ExportOptions = {},
): Result<Exported<InPlantExportRow>, LedgerExportError> {
  const m = mapperFor(options);
  return m.finish<InPlantExportRow>({
    registrationOrInternalNumber: m.text('registrationOrInternalNumber', record.registrationOrInternalNumber),
    registrationDate: m.date('registrationDate', record.registrationDate),
    vin: m.text('vin', record.vin),
    engineNumber: m.text('engineNumber', record.engineNumber),
    emissionStage: m.stage(record.emissionStage, false),
  });
}

/**
 * Maps a machinery record (domain.md §2 C). Machine type, fuel and owner use platform-specific
 * code lists, so the upload adapters map them.
 */
export function exportMachineryRecord(
  record: MachineryLedgerRecord,
  options: ExportOptions = {},
): Result<Exported<MachineryExportRow>, LedgerExportError> {
  const m = mapperFor(options);
  return m.finish<MachineryExportRow>({
    environmentalRegistrationCode: m.text(
      'environmentalRegistrationCode',
      record.environmentalRegistrationCode,
    ),
    productionDate: m.date('productionDate', record.productionDate),
    emissionStage: m.stage(record.emissionStage, true),
    machineCode: m.text('machineCode', record.machineCode),
  });
}
