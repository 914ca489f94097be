import { type ViewCheckSettings } from './view-check-state';

export const VIEW_CHECK_SETTINGS = Symbol('VIEW_CHECK_SETTINGS');

export interface ViewCheckServiceSettings extends ViewCheckSettings {
  /** Run the periodic check of cameras with a reference view. */
  readonly enabled: boolean;
  /** Time from the start of one run to the start of the next (a run still going then is not overlapped). */
  readonly intervalMs: number;
  /** Cameras checked at the same time within a run. */
  readonly concurrency: number;
  /** Worker threads that run the image analysis (off the event loop that answers the cameras). */
  readonly workers: number;
}
