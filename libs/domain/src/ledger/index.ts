// Ledgers: the three record kinds, completeness, export to the guide's columns, entry/exit pairing. Rules: docs/domain-model.md.
export {
  fitWidth,
  LEDGER_FIELD_WIDTHS,
  type FieldWidth,
  type Fitted,
  type OverflowPolicy,
  type WidthField,
} from './field-width';
export {
  inPlantCompleteness,
  machineryCompleteness,
  transportCompleteness,
  type Completeness,
  type InPlantField,
  type MachineryField,
  type TransportField,
} from './ledger-completeness';
export {
  exportInPlantRecord,
  exportMachineryRecord,
  exportTransportRecord,
  IN_PLANT_EXPORT_TITLES,
  MACHINERY_EXPORT_TITLES,
  MAX_CARGO_TONNES,
  TRANSPORT_EXPORT_TITLES,
  type ExportOptions,
  type ExportProblem,
  type ExportProblemCode,
  type Exported,
  type ExportWarning,
  type ExportWarningCode,
  type InPlantExportRow,
  type LedgerExportError,
  type MachineryExportRow,
  type TransportExportRow,
} from './ledger-export';
export {
  type InPlantLedgerRecord,
  type LedgerKind,
  type MachineryLedgerRecord,
  type TransportLedgerRecord,
} from './ledger-records';
export { formatLedgerDate, formatLedgerTimestamp } from './ledger-time-format';
export {
  pairPassages,
  passageState,
  type GateEvent,
  type Passage,
  type PassageState,
} from './passage-pairing';
