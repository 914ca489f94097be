// The city profiles' arithmetic (charts/ecogate/profiles/SIZING.md explains each input): measured
// costs (M), assumptions about a city (A) and estimates waiting for a measurement (E) in, replicas,
// requests, HPA bounds, partitions and storage out. `profiles.ts` writes them as values files.

/** One city size. */
export interface City {
  readonly name: 'small' | 'medium' | 'large';
  readonly enterprises: number;
  readonly lanes: number;
}

export const CITIES: readonly City[] = [
  { name: 'small', enterprises: 50, lanes: 200 },
  { name: 'medium', enterprises: 300, lanes: 1_000 },
  { name: 'large', enterprises: 1_000, lanes: 4_000 },
];

/** Measured in this repository (SIZING.md, M1-M4). */
export const MEASURED = {
  /** M1 `bench:lpr`: one instance, one worker, one snapshot at a time. */
  lprImagesPerSecond: 10,
  /** M2 `bench:gate`: ledger intake per instance with LEDGER_INTAKE_CONCURRENCY=3. */
  ledgerPassagesPerSecond: 176,
  /** M4 `bench:archive`: cores per 2 Mbit/s stream and per recorder process. */
  videoCoresPerStream: 0.007,
  videoCoresPerProcess: 0.25,
  /** M4: bytes archived per second and 2 Mbit/s stream. */
  videoBytesPerSecond: 0.259e6,
  /** M4 (docs/operations.md): cameras planned per 2 vCPU recorder, for headroom. */
  camerasPerShard: 40,
} as const;

/** Assumptions about a city (SIZING.md, A1-A5). */
export const ASSUMED = {
  /** A1: one vehicle per lane every 30 s, every lane at once. */
  secondsBetweenArrivals: 30,
  /** A2 */
  passagesPerLaneDay: 200,
  /** A3: besides each lane's camera. */
  loadingAreaCamerasPerEnterprise: 2,
  /** A4: CPU planned at this share of the requests at peak; HPA maxima this many times the minima. */
  cpuTarget: 0.6,
  hpaBurst: 2,
  /** A5 */
  videoDays: 180,
  ledgerDays: 365,
} as const;

/** Estimates to replace with measurements (SIZING.md, E1-E6). */
export const ESTIMATED = {
  /** E1: camera-ingest CPU per push (3 objects, 2 events, a row). */
  pushCpuSeconds: 0.04,
  /** E3: PostgreSQL bytes per passage, per push receipt (kept 180 days), per video segment row. */
  passageRowBytes: 2_000,
  receiptRowBytes: 1_000,
  segmentRowBytes: 500,
  /** E5: Kafka bytes per arrival over all its events. */
  eventBytesPerArrival: 7_000,
  /** Captured images per passage (3 objects). */
  captureBytesPerPassage: 0.3e6,
  /** E6: enterprises whose people and live streams one gateway replica serves. */
  enterprisesPerGateway: 250,
  /** E7: enterprises one uploader replica keeps delivering (bench:upload has no recorded figure yet). */
  enterprisesPerUploader: 500,
} as const;

/** Fixed by the code: a process's PostgreSQL pool, the ledger's intake concurrency, event retention. */
const POOL_PER_PROCESS = 10;
const LEDGER_INTAKE_CONCURRENCY = 3;
const EVENT_RETENTION_DAYS = 7;
const KAFKA_REPLICAS = 3;
const GI = 1024 ** 3;
const TI = 1024 ** 4;

const roundUp = (value: number, step: number) => Math.ceil(value / step) * step;

export interface Sizing {
  readonly peakArrivalsPerSecond: number;
  readonly passagesPerDay: number;
  readonly cameras: number;
  readonly plateRecognition: { readonly min: number; readonly max: number };
  readonly push: {
    readonly cores: number;
    readonly cpuRequest: string;
    readonly min: number;
    readonly max: number;
  };
  readonly ledgerReplicas: number;
  readonly gateway: { readonly min: number; readonly max: number };
  readonly shards: number;
  readonly uploaders: number;
  readonly scaledPartitions: number;
  readonly kafkaStorageGi: number;
  readonly postgres: {
    readonly bytes: number;
    readonly storageGi: number;
    readonly walGi: number;
    readonly maxConnections: number;
  };
  readonly objectStorage: { readonly videoBytes: number; readonly captureBytes: number };
  readonly minio: { readonly servers: number; readonly volumesPerServer: number; readonly volumeTi: number };
}

/** The tier of a city by its peak: small, medium or large hardware steps. */
export const tier = (city: City): 0 | 1 | 2 => (city.lanes <= 200 ? 0 : city.lanes <= 1_000 ? 1 : 2);

export function size(city: City): Sizing {
  const peak = city.lanes / ASSUMED.secondsBetweenArrivals;
  const passagesPerDay = city.lanes * ASSUMED.passagesPerLaneDay;
  const cameras = city.lanes + ASSUMED.loadingAreaCamerasPerEnterprise * city.enterprises;

  const lprMin = Math.max(2, Math.ceil(peak / (MEASURED.lprImagesPerSecond * ASSUMED.cpuTarget)));
  const pushCores = (peak * ESTIMATED.pushCpuSeconds) / ASSUMED.cpuTarget;
  const pushRequest = pushCores <= 1 ? 0.25 : pushCores <= 4 ? 0.5 : 1;
  const pushMin = Math.max(2, Math.ceil(pushCores / pushRequest));
  // One spare beside the intake: queries and exports.
  const ledgerReplicas =
    Math.max(1, Math.ceil(peak / (MEASURED.ledgerPassagesPerSecond * ASSUMED.cpuTarget))) + 1;
  const gatewayMin = Math.max(2, Math.ceil(city.enterprises / ESTIMATED.enterprisesPerGateway) + 1);
  const shards = Math.ceil(cameras / MEASURED.camerasPerShard);
  const uploaders = Math.ceil(city.enterprises / ESTIMATED.enterprisesPerUploader) + 1;

  // Partitions bound a group's parallel consumers and cannot shrink: twice the largest group.
  const largestGroup = Math.max(lprMin * ASSUMED.hpaBurst, ledgerReplicas * LEDGER_INTAKE_CONCURRENCY);
  const scaledPartitions = roundUp(2 * largestGroup, 6);

  const kafkaBytes =
    passagesPerDay * ESTIMATED.eventBytesPerArrival * EVENT_RETENTION_DAYS * KAFKA_REPLICAS * 3;
  const kafkaStorageGi = Math.max(50, roundUp(kafkaBytes / GI, 50));

  const postgresBytes =
    passagesPerDay * ESTIMATED.passageRowBytes * ASSUMED.ledgerDays +
    passagesPerDay * ESTIMATED.receiptRowBytes * ASSUMED.videoDays +
    cameras * (86_400 / 60) * ESTIMATED.segmentRowBytes * ASSUMED.videoDays;
  const storageGi = roundUp((postgresBytes * 1.5) / GI, 64);
  // Every process with a database at its HPA maximum holds a pool; the migration Jobs and psql 50.
  const databasePods =
    gatewayMin * ASSUMED.hpaBurst + pushMin * ASSUMED.hpaBurst + 1 + 1 + ledgerReplicas + shards + uploaders;
  const maxConnections = roundUp(databasePods * POOL_PER_PROCESS + 50, 100);

  const videoBytes = cameras * MEASURED.videoBytesPerSecond * 86_400 * ASSUMED.videoDays;
  const captureBytes = passagesPerDay * ESTIMATED.captureBytesPerPassage * ASSUMED.ledgerDays;
  const [servers, volumesPerServer] = (
    [
      [16, 8],
      [32, 16],
      [64, 16],
    ] as const
  )[tier(city)];
  // MinIO's default parity on 16-drive erasure sets (EC:4) leaves 12 of 16 drives for data.
  const volumeTi = Math.ceil((videoBytes + captureBytes) / (servers * volumesPerServer * 0.75) / TI);

  return {
    peakArrivalsPerSecond: peak,
    passagesPerDay,
    cameras,
    plateRecognition: { min: lprMin, max: lprMin * ASSUMED.hpaBurst },
    push: {
      cores: pushCores,
      cpuRequest: pushRequest < 1 ? `${pushRequest * 1000}m` : String(pushRequest),
      min: pushMin,
      max: pushMin * ASSUMED.hpaBurst,
    },
    ledgerReplicas,
    gateway: { min: gatewayMin, max: gatewayMin * ASSUMED.hpaBurst },
    shards,
    uploaders,
    scaledPartitions,
    kafkaStorageGi,
    postgres: {
      bytes: postgresBytes,
      storageGi,
      walGi: Math.max(16, roundUp(storageGi / 8, 16)),
      maxConnections,
    },
    objectStorage: { videoBytes, captureBytes },
    minio: { servers, volumesPerServer, volumeTi },
  };
}
