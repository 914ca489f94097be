import {
  type EmissionStage,
  type Exported,
  exportInPlantRecord,
  exportMachineryRecord,
  type ExportProblem,
  exportTransportRecord,
  type ExportWarning,
  IN_PLANT_EXPORT_TITLES,
  type InPlantLedgerRecord,
  isPlateColour,
  type LedgerExportError,
  MACHINERY_EXPORT_TITLES,
  type MachineryLedgerRecord,
  type PlateColour,
  type Result,
  toStageExportCode,
  TRANSPORT_EXPORT_TITLES,
  type TransportLedgerRecord,
} from '@ecogate/domain';
import { type InPlantVehicleEntity } from '../in-plant/in-plant-vehicle.entity';
import { type MachineryEntity } from '../machinery/machinery.entity';
import { type PassageEntity } from '../passage/passage.entity';
import { type VehicleEntity } from '../vehicle/vehicle.entity';
import { type ExportLedger } from './export-job.entity';

/** One column of a sheet: its header and its width in Excel's character units. */
export interface SheetColumn {
  readonly title: string;
  readonly width: number;
}

export interface SheetLayout {
  /** The worksheet's name; a second sheet (over Excel's row limit) gets ` (2)`. */
  readonly sheetName: string;
  readonly columns: readonly SheetColumn[];
}

/** What a passage row of the sheet is made of: the passage and its vehicle in the registry. */
export type PassageSource = Pick<
  PassageEntity,
  | 'id'
  | 'capturedAt'
  | 'plate'
  | 'plateColour'
  | 'entryCapturedAt'
  | 'exitCapturedAt'
  | 'stage'
  | 'cargoName'
  | 'cargoTonnes'
  | 'fleet'
> & {
  readonly vehicle?: Pick<VehicleEntity, 'vin' | 'engineNo' | 'registrationDate' | 'fleet'> | undefined;
};
export type InPlantSource = Pick<
  InPlantVehicleEntity,
  'number' | 'registrationDate' | 'vin' | 'engineNo' | 'emissionStage'
>;
export type MachinerySource = Pick<
  MachineryEntity,
  'registrationCode' | 'productionDate' | 'emissionStage' | 'machineCode'
>;

export interface SourceOf {
  readonly passages: PassageSource;
  readonly 'in-plant-vehicles': InPlantSource;
  readonly machinery: MachinerySource;
}

/** The enterprise column of a job over several enterprises (the first column). */
export const ENTERPRISE_COLUMN: SheetColumn = { title: '企业编号', width: 22 };
/** Why a cell is not what the record holds: the domain's warnings and refusals, in Chinese. */
export const NOTES_COLUMN: SheetColumn = { title: '备注', width: 48 };

const SHEET_NAMES: Readonly<Record<ExportLedger, string>> = {
  passages: '进出厂运输车辆台账',
  'in-plant-vehicles': '厂内运输车辆台账',
  machinery: '非道路移动机械台账',
};

/** Plate colours as a clerk reads them; the domain row keeps the code (`yellow`). */
export const PLATE_COLOUR_LABELS: Readonly<Record<PlateColour, string>> = {
  blue: '蓝色',
  yellow: '黄色',
  green: '渐变绿色',
  'yellow-green': '黄绿双拼色',
  white: '白色',
  black: '黑色',
  other: '其他',
  unknown: '未知',
};

// Widths in Excel's units (a CJK character needs two), wide enough for the column's guide width
// or its title, whichever is wider; long descriptions are capped (the cell still holds all of it).
const TRANSPORT_WIDTHS: Readonly<Record<keyof typeof TRANSPORT_EXPORT_TITLES, number>> = {
  entryTime: 17,
  exitTime: 17,
  plateNumber: 14,
  plateColour: 12,
  registrationDate: 14,
  vin: 21,
  engineNumber: 24,
  emissionStage: 10,
  cargoName: 24,
  cargoQuantity: 14,
  fleetName: 30,
};
const IN_PLANT_WIDTHS: Readonly<Record<keyof typeof IN_PLANT_EXPORT_TITLES, number>> = {
  registrationOrInternalNumber: 22,
  registrationDate: 14,
  vin: 21,
  engineNumber: 24,
  emissionStage: 10,
};
const MACHINERY_WIDTHS: Readonly<Record<keyof typeof MACHINERY_EXPORT_TITLES, number>> = {
  environmentalRegistrationCode: 24,
  productionDate: 12,
  emissionStage: 10,
  machineCode: 30,
};

type Titles = Readonly<Record<string, string>>;

function columnsOf<T extends Titles>(titles: T, widths: Readonly<Record<keyof T, number>>): SheetColumn[] {
  return (Object.keys(titles) as (keyof T & string)[]).map((key) => ({
    title: titles[key] ?? key,
    width: widths[key],
  }));
}

/** The sheet of a ledger: the guide's columns (titles from the domain), then 备注; 企业编号 first for several enterprises. */
export function sheetLayout(ledger: ExportLedger, severalEnterprises: boolean): SheetLayout {
  const guide =
    ledger === 'passages'
      ? columnsOf(TRANSPORT_EXPORT_TITLES, TRANSPORT_WIDTHS)
      : ledger === 'in-plant-vehicles'
        ? columnsOf(IN_PLANT_EXPORT_TITLES, IN_PLANT_WIDTHS)
        : columnsOf(MACHINERY_EXPORT_TITLES, MACHINERY_WIDTHS);
  return {
    sheetName: SHEET_NAMES[ledger],
    columns: [...(severalEnterprises ? [ENTERPRISE_COLUMN] : []), ...guide, NOTES_COLUMN],
  };
}

type Exporter<Rec, Row> = (record: Rec) => Result<Exported<Row>, LedgerExportError>;

const PROBLEM_NOTES: Readonly<Record<ExportProblem['code'], string>> = {
  'too-long': '超过栏宽，原值照录',
  'invalid-date': '日期无效',
  'invalid-time': '时间无效',
  'quantity-out-of-range': '超出 0–999.9 吨，原值照录',
  'stage-not-allowed': 'X（无排放阶段）仅用于非道路移动机械，原值照录',
};
const WARNING_NOTES: Readonly<Record<ExportWarning['code'], string>> = {
  truncated: '超过栏宽，已截短',
  rounded: '已四舍五入到 0.1 吨',
};

/** How a refused value is shown as it is: text and numbers verbatim, a stage by its code. */
function verbatim(field: string, value: unknown): string {
  if (typeof value === 'string') {
    return field === 'emissionStage' ? toStageExportCode(value as EmissionStage) : value;
  }
  return typeof value === 'number' ? String(value) : '';
}

/**
 * The domain's row for a record, never dropped: a field the domain refuses (an identifier over
 * its width, a quantity out of range, `X` on a road vehicle) is written as the record holds it
 * and said in 备注, so the sheet has every row the ledger has. Warnings go to 备注 too.
 */
export function exportedCells<Rec extends object, Row extends object>(
  record: Rec,
  exporter: Exporter<Rec, Row>,
  titles: Readonly<Record<keyof Row & string, string>>,
  recordField: Readonly<Record<keyof Row & string, keyof Rec>>,
): { cells: string[]; note: string } {
  const keys = Object.keys(titles) as (keyof Row & string)[];
  const cellsOf = (row: Row): string[] =>
    keys.map((key) => ((row as Record<string, unknown>)[key] as string | undefined) ?? '');
  const notesOf = (warnings: readonly ExportWarning[]) =>
    warnings.map((w) => `${titles[w.field as keyof Row & string] ?? w.field}：${WARNING_NOTES[w.code]}`);

  const first = exporter(record);
  if (first.ok) return { cells: cellsOf(first.value.row), note: notesOf(first.value.warnings).join('；') };

  const refused = new Map(first.error.problems.map((problem) => [problem.field, problem]));
  const rest: Partial<Rec> = { ...record };
  for (const field of refused.keys()) delete rest[recordField[field as keyof Row & string]];
  const second = exporter(rest as Rec);
  const cells = second.ok ? cellsOf(second.value.row) : keys.map(() => '');
  keys.forEach((key, index) => {
    if (refused.has(key)) cells[index] = verbatim(key, record[recordField[key]]);
  });
  const notes = [
    ...[...refused.values()].map(
      (problem) =>
        `${titles[problem.field as keyof Row & string] ?? problem.field}：${PROBLEM_NOTES[problem.code]}`,
    ),
    ...(second.ok ? notesOf(second.value.warnings) : []),
  ];
  return { cells, note: notes.join('；') };
}

const TRANSPORT_FIELDS = {
  entryTime: 'entryAt',
  exitTime: 'exitAt',
  plateNumber: 'plate',
  plateColour: 'plateColour',
  registrationDate: 'registrationDate',
  vin: 'vin',
  engineNumber: 'engineNumber',
  emissionStage: 'emissionStage',
  cargoName: 'cargoName',
  cargoQuantity: 'cargoTonnes',
  fleetName: 'fleetName',
} as const satisfies Record<keyof typeof TRANSPORT_EXPORT_TITLES, keyof TransportLedgerRecord>;
const IN_PLANT_FIELDS = {
  registrationOrInternalNumber: 'registrationOrInternalNumber',
  registrationDate: 'registrationDate',
  vin: 'vin',
  engineNumber: 'engineNumber',
  emissionStage: 'emissionStage',
} as const satisfies Record<keyof typeof IN_PLANT_EXPORT_TITLES, keyof InPlantLedgerRecord>;
const MACHINERY_FIELDS = {
  environmentalRegistrationCode: 'environmentalRegistrationCode',
  productionDate: 'productionDate',
  emissionStage: 'emissionStage',
  machineCode: 'machineCode',
} as const satisfies Record<keyof typeof MACHINERY_EXPORT_TITLES, keyof MachineryLedgerRecord>;

/** `undefined` for SQL null, as the domain's records want absent values. */
const given = <T>(value: T | null | undefined): T | undefined => value ?? undefined;

/** A passage as the domain's ledger A record: times of both sides, the registry's vehicle data, the fleet of the passage or else the vehicle's. */
export function transportRecord(source: PassageSource): TransportLedgerRecord {
  const vehicle = source.vehicle;
  return {
    entryAt: given(source.entryCapturedAt),
    exitAt: given(source.exitCapturedAt),
    plate: source.plate,
    plateColour: source.plateColour,
    registrationDate: given(vehicle?.registrationDate),
    vin: given(vehicle?.vin),
    engineNumber: given(vehicle?.engineNo),
    emissionStage: given(source.stage),
    cargoName: given(source.cargoName),
    cargoTonnes: given(source.cargoTonnes),
    fleetName: given(source.fleet ?? vehicle?.fleet),
  };
}

/** The cells of one sheet row of `ledger`, the enterprise first when the sheet has several. */
export function sheetCells<L extends ExportLedger>(
  ledger: L,
  source: SourceOf[L],
  enterpriseId?: string,
): string[] {
  const { cells, note } = guideCells(ledger, source);
  return [...(enterpriseId === undefined ? [] : [enterpriseId]), ...cells, note];
}

function guideCells(ledger: ExportLedger, source: SourceOf[ExportLedger]): { cells: string[]; note: string } {
  switch (ledger) {
    case 'passages': {
      const passage = source as PassageSource;
      const mapped = exportedCells(
        transportRecord(passage),
        exportTransportRecord,
        TRANSPORT_EXPORT_TITLES,
        TRANSPORT_FIELDS,
      );
      const colour = Object.keys(TRANSPORT_EXPORT_TITLES).indexOf('plateColour');
      if (isPlateColour(passage.plateColour)) mapped.cells[colour] = PLATE_COLOUR_LABELS[passage.plateColour];
      return mapped;
    }
    case 'in-plant-vehicles': {
      const vehicle = source as InPlantSource;
      return exportedCells(
        {
          registrationOrInternalNumber: vehicle.number,
          ...(vehicle.registrationDate ? { registrationDate: vehicle.registrationDate } : {}),
          ...(vehicle.vin ? { vin: vehicle.vin } : {}),
          ...(vehicle.engineNo ? { engineNumber: vehicle.engineNo } : {}),
          ...(vehicle.emissionStage ? { emissionStage: vehicle.emissionStage } : {}),
        } satisfies InPlantLedgerRecord,
        exportInPlantRecord,
        IN_PLANT_EXPORT_TITLES,
        IN_PLANT_FIELDS,
      );
    }
    case 'machinery': {
      const machine = source as MachinerySource;
      return exportedCells(
        {
          environmentalRegistrationCode: machine.registrationCode,
          ...(machine.productionDate ? { productionDate: machine.productionDate } : {}),
          ...(machine.emissionStage ? { emissionStage: machine.emissionStage } : {}),
          ...(machine.machineCode ? { machineCode: machine.machineCode } : {}),
        } satisfies MachineryLedgerRecord,
        exportMachineryRecord,
        MACHINERY_EXPORT_TITLES,
        MACHINERY_FIELDS,
      );
    }
  }
}
