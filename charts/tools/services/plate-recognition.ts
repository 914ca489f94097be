import { configSection, imageTag, resources, workloadParams } from '../common-values';
import { extra, int, param, str } from '../values-spec';
import { commaList, flag, positive, text, unit } from './env-schemas';
import { serviceChart } from './service-chart';

export const plateRecognition = serviceChart(
  {
    service: 'plate-recognition',
    kafka: true,
    objectStorage: true,
    // Loading the ONNX models takes a while on a busy node; /health answers 503 until a worker is ready.
    probes: { startupFailures: 60 },
    terminationGraceSeconds: 30,
    tmpSizeLimit: '256Mi',
  },
  'server-side plate reads of the snapshots (ONNX models from a volume, never in the image).',
  [
    {
      title: 'Workload',
      params: workloadParams('', 'the recognisers', {
        replicas: 2,
        resources: resources('1', '1Gi', '2', '2Gi'),
        autoscaling: { min: 2, max: 8, cpu: 70 },
        pdb: { enabled: true, minAvailable: 1, maxUnavailable: '' },
      }),
    },
  ],
  [
    {
      title: 'Models (LPR_MODEL_DIR, mounted read-only at /models)',
      params: [
        param(
          'models.source',
          '`pvc`: a PersistentVolumeClaim holding the .onnx files; `image`: an init container copies them from a models image',
          'pvc',
          str({ enum: ['pvc', 'image'] }),
        ),
        param(
          'models.pvc.claimName',
          'The claim (ReadOnlyMany or ReadWriteMany) with the models',
          'ecogate-lpr-models',
          str({ minLength: 1 }),
        ),
        param(
          'models.image.repository',
          'Models image (with `source: image`), e.g. `ghcr.io/ecogate/lpr-models`',
          '',
          str(),
        ),
        param('models.image.tag', 'Models image tag (never `latest`)', '', imageTag),
        param(
          'models.image.path',
          'Folder of the .onnx files inside the models image',
          '/models',
          str({ pattern: '^/.+' }),
        ),
        param(
          'models.sizeLimit',
          'Size of the emptyDir the init container fills (with `source: image`)',
          '1Gi',
          str({ pattern: '^[0-9]+[KMGT]i$' }),
        ),
      ],
    },
    configSection(
      [
        param(
          'config.LPR_WORKERS',
          'LPR_WORKERS: recognition worker threads; keep it at the CPU limit (the default counts the node, not the limit)',
          2,
          int({ minimum: 1 }),
        ),
      ],
      [
        extra(
          'config.SNAPSHOTS_ENABLED',
          'SNAPSHOTS_ENABLED: read camera.snapshot.captured.v1 (default true)',
          flag,
        ),
        extra(
          'config.KAFKA_GROUP_ID',
          'KAFKA_GROUP_ID (default plate-recognition)',
          str({ pattern: '^[\\w.-]+$' }),
        ),
        extra('config.LPR_MAX_BODY_BYTES', 'LPR_MAX_BODY_BYTES (default 10 MiB)', positive),
        extra('config.LPR_DETECTORS', 'LPR_DETECTORS (default plate_detect)', text),
        extra('config.LPR_RECOGNISER', 'LPR_RECOGNISER (default plate_rec_color)', text),
        extra('config.LPR_SECOND_RECOGNISER', 'LPR_SECOND_RECOGNISER (default none)', text),
        extra(
          'config.LPR_PPOCR_MODEL_DIR',
          'LPR_PPOCR_MODEL_DIR (default: the copy inside the image)',
          str({ pattern: '^/.+' }),
        ),
        extra(
          'config.LPR_COLOUR_SOURCE',
          'LPR_COLOUR_SOURCE (default recogniser)',
          str({ enum: ['recogniser', 'hyperlpr_cls'] }),
        ),
        extra(
          'config.LPR_MODEL_SHA256',
          'LPR_MODEL_SHA256: `<file>.onnx=<sha256>,...` for models the manifest does not know',
          commaList,
        ),
        extra(
          'config.LPR_CROP_FRAMINGS',
          'LPR_CROP_FRAMINGS (1, 5 or 9; default 9)',
          str({ enum: ['1', '5', '9'] }),
        ),
        extra(
          'config.LPR_INTRA_OP_THREADS',
          'LPR_INTRA_OP_THREADS (default 1)',
          int({ minimum: 0, maximum: 64 }),
        ),
        extra('config.LPR_QUEUE_LIMIT', 'LPR_QUEUE_LIMIT (default 8)', int({ minimum: 0, maximum: 10000 })),
        extra('config.LPR_JOB_TIMEOUT_MS', 'LPR_JOB_TIMEOUT_MS (default 15000)', positive),
        extra('config.LPR_WORKER_HEAP_MB', 'LPR_WORKER_HEAP_MB (default 256)', positive),
        extra('config.LPR_MAX_INPUT_PIXELS', 'LPR_MAX_INPUT_PIXELS (default 40000000)', positive),
        extra('config.LPR_MIN_DETECTION_SCORE', 'LPR_MIN_DETECTION_SCORE (default 0.3)', unit),
        extra('config.LPR_MIN_PLATE_WIDTH_PX', 'LPR_MIN_PLATE_WIDTH_PX (default 48)', positive),
        extra('config.LPR_MIN_CHAR_CONFIDENCE', 'LPR_MIN_CHAR_CONFIDENCE (default 0.8)', unit),
        extra('config.LPR_MIN_COLOUR_CONFIDENCE', 'LPR_MIN_COLOUR_CONFIDENCE (default 0.6)', unit),
        extra(
          'config.LICENCE_OCR_WORKERS',
          'LICENCE_OCR_WORKERS: 行驶证 reader workers (default 1)',
          positive,
        ),
        extra(
          'config.LICENCE_OCR_QUEUE_LIMIT',
          'LICENCE_OCR_QUEUE_LIMIT: photos waiting for a worker (default 4, at most 1000)',
          int({ minimum: 0, maximum: 1000 }),
        ),
        extra('config.LICENCE_OCR_JOB_TIMEOUT_MS', 'LICENCE_OCR_JOB_TIMEOUT_MS (default 30000)', positive),
        extra(
          'config.LICENCE_OCR_LIMIT_SIDE',
          "LICENCE_OCR_LIMIT_SIDE: the detector's input, the photo's longer side in pixels (320 to 4096)",
          int({ minimum: 320, maximum: 4096 }),
        ),
        extra(
          'config.INVENTORY_LIST_QR_WORKERS',
          'INVENTORY_LIST_QR_WORKERS: 随车清单 QR reader workers (default 1)',
          positive,
        ),
        extra(
          'config.INVENTORY_LIST_QR_QUEUE_LIMIT',
          'INVENTORY_LIST_QR_QUEUE_LIMIT: photos waiting for a worker (default 4, at most 1000)',
          int({ minimum: 0, maximum: 1000 }),
        ),
        extra('config.INVENTORY_LIST_QR_JOB_TIMEOUT_MS', 'INVENTORY_LIST_QR_JOB_TIMEOUT_MS', positive),
        extra(
          'config.PLATE_PROVINCE_PRIOR',
          "PLATE_PROVINCE_PRIOR: the city's province character (e.g. 冀), settles a doubtful first character read as it; unset: none",
          str({ pattern: '^\\S$' }),
        ),
        extra('config.LPR_KNOWN_PLATES_TTL_MS', 'LPR_KNOWN_PLATES_TTL_MS (default 300000)', positive),
        extra(
          'config.LPR_KNOWN_PLATES_WAIT_MS',
          'LPR_KNOWN_PLATES_WAIT_MS (default 200)',
          int({ minimum: 0, maximum: 2000 }),
        ),
        extra('config.LPR_KNOWN_PLATES_RETRY_MS', 'LPR_KNOWN_PLATES_RETRY_MS (default 30000)', positive),
        extra('config.LPR_KNOWN_PLATES_SITES', 'LPR_KNOWN_PLATES_SITES (default 2000)', positive),
        extra(
          'config.LPR_KNOWN_PLATES_MAX_PLATES',
          'LPR_KNOWN_PLATES_MAX_PLATES: plates kept over all sites, about 0.7 KB each (default 200000, at least 5000)',
          int({ minimum: 5000 }),
        ),
        extra(
          'config.LEDGER_TIMEOUT_MS',
          'LEDGER_TIMEOUT_MS: one known-plates fetch (default 3000)',
          positive,
        ),
      ],
    ),
  ],
);
