import { type ServiceToken } from '@ecogate/auth';
import { type Logger } from '@ecogate/telemetry';
import { type VideoArchiveOptions, type VideoArchiveService } from '../app/start-video-archive';
import { SegmentWindowRepository } from '../clips/segment-window.repository';
import { type VideoArchiveConfig } from '../config/video-archive.config';
import { PlateRecognitionClient } from './plate-recognition.client';
import { windowScanExtension } from './window-scan.extension';
import { WINDOW_SCAN_ERROR_STATUS } from './window-scan.exception';
import { WindowScanRepository } from './window-scan.repository';
import { WindowScanWorker } from './window-scan.worker';
import { WindowScanner } from './window-scanner';

export interface WindowScans {
  /** Hand to `startVideoArchive`: the window-scan API joins the service's HTTP app. */
  readonly options: Required<Omit<VideoArchiveOptions, 'verifier'>>;
  /**
   * Starts the scan worker on the service's database and storage, calling plate-recognition with
   * video-archive's own token (made only then); undefined when PLATE_RECOGNITION_URL is not set.
   * Stop it before the service.
   */
  start(
    service: Pick<VideoArchiveService, 'dataSource' | 'storage'>,
    token: () => Promise<Pick<ServiceToken, 'header'>>,
  ): Promise<WindowScanWorker | undefined>;
}

/** Window scans for `main.ts` (and the integration test), configured by `PLATE_RECOGNITION_URL` and `WINDOW_SCAN_*`. */
export function windowScans(
  config: Pick<VideoArchiveConfig, 'windowScans' | 'recorder'>,
  logger: Logger,
  links: { readonly urlTtlSeconds: number },
): WindowScans {
  const settings = config.windowScans;
  return {
    options: {
      extensions: [
        windowScanExtension({
          maxWindowMinutes: settings.maxWindowMinutes,
          urlTtlSeconds: links.urlTtlSeconds,
          enabled: settings.recognitionUrl !== undefined,
        }),
      ],
      errorStatus: WINDOW_SCAN_ERROR_STATUS,
    },
    async start(service, token) {
      if (!settings.recognitionUrl) {
        logger.warn('PLATE_RECOGNITION_URL is not set: window scans are refused');
        return undefined;
      }
      const scanner = new WindowScanner(
        {
          segments: new SegmentWindowRepository(service.dataSource),
          storage: service.storage,
          recogniser: new PlateRecognitionClient(
            settings.recognitionUrl,
            await token(),
            settings.recognitionTimeoutMs,
          ),
        },
        {
          bucket: config.recorder.bucket,
          fps: settings.fps,
          concurrency: settings.concurrency,
          mergeGapSeconds: settings.mergeGapSeconds,
          retryMaxMs: settings.retryMaxMs,
          ffmpegPath: config.recorder.ffmpegPath,
        },
      );
      const worker = new WindowScanWorker(
        {
          scans: new WindowScanRepository(service.dataSource),
          scanner,
          logger: logger.child({ component: 'window-scans' }),
        },
        {
          pollMs: settings.pollMs,
          leaseMs: 60_000,
          // The last segment of a window is uploaded within about two segment lengths of its end.
          settleMs: config.recorder.segmentSeconds * 2_000,
          maxAttempts: 3,
          retryMs: 30_000,
        },
      );
      worker.start();
      return worker;
    },
  };
}
