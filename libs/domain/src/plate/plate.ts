import { type DomainError } from '../shared/result';
import { type PlateColour } from './plate-colour';
import { type PlateKind } from './plate-kind';
import { type Province } from './provinces';

/**
 * One character changed by `parsePlate` because only one of a confusable pair (O/0, I/1) is legal
 * at that position. `index` counts code points in `Plate.text`.
 */
export interface PlateRepair {
  readonly index: number;
  readonly from: string;
  readonly to: string;
}

/** Where `Plate.colour` came from: the caller's hint, a colour word the camera put before the text, the kind, or nowhere. */
export type PlateColourSource = 'hint' | 'text-prefix' | 'implied' | 'none';

/** Suffix characters that mark a kind (GA 36-2018). */
export type PlateSuffix = '挂' | '学' | '警' | '领' | '港' | '澳' | '应急';

/** Small new-energy plates carry it in the first serial letter, large ones in the last (GA 36-2018). */
export type NewEnergyClass = 'pure-electric' | 'other';

/** Doubts that do not stop a plate from parsing but should stop a barrier from trusting it blindly. */
export type PlateWarning = 'colour-mismatch';

export interface Plate {
  /** Canonical text: folded, repaired, no separators, e.g. `京A12345`, `WJ京1234X`, `使014001`. */
  readonly text: string;
  readonly kind: PlateKind;
  readonly province?: Province;
  /** Issuing-authority letter (发牌机关代号) after the province, where the kind has one. */
  readonly authority?: string;
  /** The serial (序号): what follows the province/authority or prefix, without the suffix. */
  readonly serial: string;
  readonly suffix?: PlateSuffix;
  readonly newEnergy?: NewEnergyClass;
  readonly colour: PlateColour;
  readonly colourSource: PlateColourSource;
  /** Empty for a clean read. A repaired read must not open a barrier without another check. */
  readonly repairs: readonly PlateRepair[];
  readonly warnings: readonly PlateWarning[];
}

export type PlateErrorCode =
  'empty' | 'no-plate' | 'bad-length' | 'bad-province' | 'bad-character' | 'bad-format';

export type PlateError = DomainError<PlateErrorCode>;

export const isRepaired = (plate: Plate): boolean => plate.repairs.length > 0;
