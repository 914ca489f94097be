// The city profiles (charts/ecogate/profiles/<name>.yaml): the umbrella's values that `sizing.ts`
// derives, each number with the rule it comes from. Hardware steps that are not derived (memory,
// per-tier CPU) are listed here once per tier; SIZING.md says where each comes from.
import { resources, type Resources } from './common-values';
import { type City, size, tier } from './sizing';
import { type CommentOf, type Json, yamlDocument } from './values-spec';

const byTier = <T>(city: City, small: T, medium: T, large: T): T => [small, medium, large][tier(city)] as T;
const gi = (n: number) => `${n}Gi`;
/** Minimum available of a pool: one of two, else three quarters (a drain never empties a pool). */
const pdbFloor = (replicas: number): number | string => (replicas <= 2 ? 1 : '75%');
const r = (x: Resources): Json => ({ ...x });

export function profileValues(city: City): { [key: string]: Json } {
  const s = size(city);
  const hpa = (min: number, max: number, cpu: number) => ({
    enabled: true,
    minReplicas: min,
    maxReplicas: max,
    targetCPUUtilizationPercentage: cpu,
  });
  return {
    gateway: {
      replicaCount: s.gateway.min,
      autoscaling: hpa(s.gateway.min, s.gateway.max, 70),
      podDisruptionBudget: { minAvailable: pdbFloor(s.gateway.min) },
    },
    'camera-ingest': {
      push: {
        replicaCount: s.push.min,
        resources: r(
          resources(
            s.push.cpuRequest,
            byTier(city, '256Mi', '384Mi', '512Mi'),
            byTier(city, '1', '1', '2'),
            byTier(city, '512Mi', '768Mi', '1Gi'),
          ),
        ),
        autoscaling: hpa(s.push.min, s.push.max, 60),
        podDisruptionBudget: { minAvailable: pdbFloor(s.push.min) },
      },
      supervisor: {
        resources: r(
          byTier(
            city,
            resources('100m', '192Mi', '500m', '384Mi'),
            resources('250m', '256Mi', '1', '512Mi'),
            resources('500m', '512Mi', '2', '1Gi'),
          ),
        ),
      },
    },
    'plate-recognition': {
      replicaCount: s.plateRecognition.min,
      resources: r(resources('1', '1Gi', '2', '2Gi')),
      autoscaling: hpa(s.plateRecognition.min, s.plateRecognition.max, 60),
      podDisruptionBudget: { minAvailable: pdbFloor(s.plateRecognition.min) },
      config: { LPR_WORKERS: 1 },
    },
    'barrier-control': {
      resources: r(
        byTier(
          city,
          resources('500m', '256Mi', '1', '512Mi'),
          resources('1', '384Mi', '2', '768Mi'),
          resources('2', '512Mi', '4', '1Gi'),
        ),
      ),
    },
    ledger: {
      replicaCount: s.ledgerReplicas,
      resources: r(resources('500m', '384Mi', '2', '768Mi')),
      podDisruptionBudget: { minAvailable: pdbFloor(s.ledgerReplicas) },
    },
    'video-archive': {
      shards: s.shards,
      resources: r(resources('1', '1Gi', '2', '2Gi')),
      podDisruptionBudget: { minAvailable: '', maxUnavailable: 1 },
      spool: { size: '50Gi' },
      config: { VIDEO_MAX_SPOOL_BYTES: 40 * 1024 ** 3 },
    },
    'provincial-upload': {
      replicaCount: s.uploaders,
      podDisruptionBudget: { minAvailable: 1 },
    },
    kafka: {
      brokers: {
        replicas: 3,
        storageSize: gi(s.kafkaStorageGi),
        resources: r(
          byTier(
            city,
            resources('500m', '2Gi', '2', '2Gi'),
            resources('1', '4Gi', '2', '4Gi'),
            resources('2', '8Gi', '4', '8Gi'),
          ),
        ),
      },
      topics: { scaledPartitions: s.scaledPartitions },
    },
    postgres: {
      instances: 3,
      storageSize: gi(s.postgres.storageGi),
      walStorageSize: gi(s.postgres.walGi),
      resources: r(
        byTier(
          city,
          resources('1', '2Gi', '2', '4Gi'),
          resources('2', '8Gi', '4', '8Gi'),
          resources('4', '32Gi', '8', '32Gi'),
        ),
      ),
      parameters: { max_connections: String(s.postgres.maxConnections) },
    },
    minio: {
      servers: s.minio.servers,
      volumesPerServer: s.minio.volumesPerServer,
      volumeSize: `${s.minio.volumeTi}Ti`,
    },
  };
}

/** Why each derived number is what it is (the rule, with SIZING.md's ids). */
function comments(city: City): CommentOf {
  const s = size(city);
  const notes: Record<string, string> = {
    gateway: `People and live streams: ⌈${city.enterprises} enterprises / 250 (E6)⌉ + 1 replicas.`,
    'camera-ingest.push': `${s.peakArrivalsPerSecond.toFixed(1)} pushes/s × 40 ms (E1) / 0.6 = ${s.push.cores.toFixed(2)} cores of requests.`,
    'camera-ingest.supervisor': 'One pod: ONVIF supervision runs once.',
    'plate-recognition': `⌈${s.peakArrivalsPerSecond.toFixed(1)} snapshots/s / (10 images/s (M1) × 0.6)⌉ instances, one snapshot at a time each.`,
    'barrier-control': 'One instance decides every lane (E2): sized by tier until measured.',
    ledger: `⌈${s.peakArrivalsPerSecond.toFixed(1)} passages/s / (176/s (M2) × 0.6)⌉ + 1 for queries and exports.`,
    'video-archive': `⌈${s.cameras} cameras / 40 per shard (M4)⌉; shard N records the cameras of shard-N.json.`,
    'video-archive.config': '40 GiB ≈ 69 minutes of 40 streams at 2 Mbit/s while the object store is away.',
    'provincial-upload': `⌈${city.enterprises} enterprises / 500 (E7)⌉ + 1 replicas.`,
    kafka: 'Operator resources: used only with global.operators.* (a city values file turns them on).',
    'kafka.brokers.storageSize': `${s.passagesPerDay} arrivals/day × 7 KB (E5) × 7 days × 3 replicas × 3.`,
    'kafka.topics.scaledPartitions':
      'Twice the largest consumer group (plate-recognition at its HPA maximum, ledger intake), a multiple of 6.',
    'postgres.storageSize': `Passages × 2 KB × 365 d + receipts × 1 KB × 180 d + segment rows × 0.5 KB × 180 d (E3), × 1.5: ${(s.postgres.bytes / 1e9).toFixed(0)} GB before the margin.`,
    'postgres.parameters':
      'Pods with a database at their HPA maxima × 10 connections (each process’s pool) + 50.',
    minio: `Video ${(s.objectStorage.videoBytes / 1e12).toFixed(0)} TB (${s.cameras} cameras, 180 d) + captures ${(s.objectStorage.captureBytes / 1e12).toFixed(1)} TB, on 12 of every 16 drives (EC:4).`,
  };
  return (path) => notes[path];
}

export function profileYaml(city: City): string {
  const s = size(city);
  const header = [
    `# City profile "${city.name}": about ${city.enterprises} enterprises and ${city.lanes} lanes (${s.peakArrivalsPerSecond.toFixed(1)} arrivals/s at peak).`,
    '# Generated by `npm run charts:generate` from charts/tools/sizing.ts (the arithmetic) and profiles.ts;',
    '# profiles/SIZING.md explains every input. Use with a city values file:',
    `#   helm install <release> charts/ecogate -f charts/ecogate/profiles/${city.name}.yaml -f <city>.yaml`,
  ].join('\n');
  return `${header}\n\n${yamlDocument(profileValues(city), comments(city))}`;
}
