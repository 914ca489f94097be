import { type LaneRef } from '@ecogate/contracts';
import { type DisplayText } from '../decide-on-read/decision-mapping';

/** The lane's LED / voice display. Vendor adapters (Vzenith `serialData`, ISAPI LED) are not built yet. */
export interface LaneDisplay {
  show(lane: LaneRef, text: DisplayText): Promise<void>;
}
