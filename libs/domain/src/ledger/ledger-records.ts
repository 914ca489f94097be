import { type EmissionStage } from '../emission';
import { type Fuel, type IsoDate, type NonRoadMachineryCategory } from '../vehicle';

/**
 * The three ledgers of the 2020 guide (domain.md §2), as the domain reads them. Images are object
 * keys; the product stores richer data and maps to these on export.
 */
export type LedgerKind = 'transport' | 'in-plant' | 'machinery';

/** A. Transport vehicles entering and leaving (进出厂运输车辆): one record per entry/exit pair. */
export interface TransportLedgerRecord {
  readonly entryAt?: Date;
  readonly exitAt?: Date;
  readonly entryPhoto?: string;
  readonly exitPhoto?: string;
  readonly plateImage?: string;
  readonly plate?: string;
  /** Kept for platforms that ask for it; not one of the guide's required fields. */
  readonly plateColour?: string;
  readonly registrationDate?: IsoDate;
  readonly vin?: string;
  readonly engineNumber?: string;
  readonly emissionStage?: EmissionStage;
  /** 随车清单 */
  readonly environmentalListImage?: string;
  /** 行驶证 */
  readonly vehicleLicenceImage?: string;
  readonly cargoName?: string;
  readonly cargoTonnes?: number;
  /** 自有, 个人 or the transport company's registered name. */
  readonly fleetName?: string;
}

/** B. In-plant vehicles (厂内运输车辆). */
export interface InPlantLedgerRecord {
  /** Registration plate, or the internal number of an unregistered vehicle. */
  readonly registrationOrInternalNumber?: string;
  readonly registrationDate?: IsoDate;
  readonly vin?: string;
  readonly engineNumber?: string;
  readonly emissionStage?: EmissionStage;
  readonly environmentalListImage?: string;
  readonly vehicleLicenceImage?: string;
}

/** C. Non-road mobile machinery (非道路移动机械). */
export interface MachineryLedgerRecord {
  readonly environmentalRegistrationCode?: string;
  readonly productionDate?: IsoDate;
  readonly emissionStage?: EmissionStage;
  readonly machineCode?: string;
  readonly engineNameplateImage?: string;
  readonly machineNameplateImage?: string;
  readonly environmentalLabelImage?: string;
  readonly machineType?: NonRoadMachineryCategory;
  readonly fuel?: Fuel;
  readonly owner?: string;
}
