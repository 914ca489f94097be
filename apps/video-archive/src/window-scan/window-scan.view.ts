import { type WindowScanStatus } from './window-scan.entity';

/** How much archived video of one camera lies inside the window. */
export interface ScanCamera {
  readonly cameraId: string;
  /** Seconds of archived video inside the window. */
  readonly videoSeconds: number;
  /** Seconds of the window with no archived video (a finding in itself). */
  readonly gapSeconds: number;
}

/** One plate seen by one camera: consecutive reads of the same text merged. */
export interface PlateSighting {
  readonly plate: string;
  readonly cameraId: string;
  readonly firstSeenAt: string;
  readonly lastSeenAt: string;
  /** Frames it was read in. */
  readonly frames: number;
  readonly bestConfidence: number;
  /** Whether any of its reads was trusted (a doubtful read alone is shown, but not trusted). */
  readonly trusted: boolean;
}

/** GET …/window-scans/{scanId}: the shape the ledger's client reads (see the OpenAPI document). */
export interface WindowScanView {
  readonly id: string;
  readonly enterpriseId: string;
  readonly from: string;
  readonly to: string;
  readonly cameraIds: readonly string[];
  readonly status: WindowScanStatus;
  readonly progress: { readonly framesDone: number; readonly framesTotal: number };
  readonly error?: string;
  readonly createdAt: string;
  readonly finishedAt?: string;
  readonly cameras: readonly ScanCamera[];
  readonly plates: readonly (PlateSighting & {
    /** Gateway path of the JPEG of the frame with the best read (302 to a short-lived link). */
    readonly framePath: string;
  })[];
}

/** What a finished scan stores: each sighting with the object of its best frame. */
export interface StoredScanResult {
  readonly cameras: readonly ScanCamera[];
  readonly plates: readonly (PlateSighting & { readonly frame: StoredFrame })[];
}

export interface StoredFrame {
  readonly bucket: string;
  readonly key: string;
}

export type { WindowScanStatus };
