// Values of the umbrella chart `ecogate`: `global`, which services to install, and the optional
// operator resources (Strimzi Kafka, CloudNativePG, MinIO Tenant), all off by default.
import { globalSections, resources, resourcesSchema } from './common-values';
import { type ServiceChart } from './services/service-chart';
import {
  bool,
  int,
  type Json,
  type JsonSchema,
  param,
  type Param,
  str,
  stringMap,
  valuesSchema,
  type ValuesSpec,
} from './values-spec';

const size = str({ pattern: '^[0-9]+[KMGT]i$' });
const storageClass = str();
const noLatest = str({ pattern: '^[^:]+:[\\w][\\w.-]{0,127}$', not: { pattern: ':latest$' } });

const kafkaParams: Param[] = [
  param(
    'kafka.version',
    'Kafka version (stay on 3.9.x: kafkajs needs the protocol versions 4.x removed; Strimzi 0.46-0.47 runs it)',
    '3.9.1',
    str({ pattern: '^3\\.9\\.[0-9]+$' }),
  ),
  param('kafka.metadataVersion', 'KRaft metadata version', '3.9-IV0', str({ minLength: 1 })),
  param(
    'kafka.replicationFactor',
    'Replicas of every topic (default.replication.factor)',
    3,
    int({ minimum: 1 }),
  ),
  param('kafka.minInsyncReplicas', 'min.insync.replicas (producers use acks=all)', 2, int({ minimum: 1 })),
  param(
    'kafka.controllers.replicas',
    'KRaft controllers (KafkaNodePool `controller`)',
    3,
    int({ minimum: 1 }),
  ),
  param('kafka.controllers.storageSize', 'Metadata volume of each controller', '10Gi', size),
  param('kafka.controllers.storageClass', 'StorageClass; empty: the default', '', storageClass),
  param(
    'kafka.controllers.resources',
    'Requests and limits of a controller',
    { ...resources('250m', '1Gi', '1', '1Gi') },
    resourcesSchema,
  ),
  param('kafka.brokers.replicas', 'Brokers (KafkaNodePool `broker`)', 3, int({ minimum: 1 })),
  param('kafka.brokers.storageSize', 'Log volume of each broker', '100Gi', size),
  param('kafka.brokers.storageClass', 'StorageClass; empty: the default', '', storageClass),
  param(
    'kafka.brokers.resources',
    'Requests and limits of a broker',
    { ...resources('500m', '2Gi', '2', '2Gi') },
    resourcesSchema,
  ),
  param(
    'kafka.topics.scaledPartitions',
    'Partitions of the lane-traffic topics (`scaled` in libs/contracts topic settings): the most consumers of one group that work in parallel',
    6,
    int({ minimum: 1 }),
  ),
  param(
    'kafka.users',
    "One KafkaUser (SCRAM-SHA-512) per service with the ACL table's rules (deploy/local/kafka-acls.json)",
    true,
    bool,
  ),
];

const postgresParams: Param[] = [
  param(
    'postgres.instances',
    'PostgreSQL instances (one primary, the rest streaming replicas)',
    3,
    int({ minimum: 1 }),
  ),
  param('postgres.imageName', 'PostgreSQL image; empty: the operator default', '', str()),
  param('postgres.storageSize', 'Data volume of each instance', '50Gi', size),
  param('postgres.walStorageSize', 'WAL volume of each instance', '10Gi', size),
  param('postgres.storageClass', 'StorageClass; empty: the default', '', storageClass),
  param(
    'postgres.resources',
    'Requests and limits of an instance',
    { ...resources('500m', '1Gi', '2', '2Gi') },
    resourcesSchema,
  ),
  param('postgres.parameters', 'postgresql.conf parameters', { max_connections: '300' }, stringMap),
  param(
    'postgres.owner',
    "Owner role of the services' databases (its password: the operator's `<release>-postgres-app` Secret)",
    'ecogate',
    str({ pattern: '^[a-z_][a-z0-9_]*$' }),
  ),
];

const bucketList: JsonSchema = {
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'objectLock'],
    properties: { name: str({ pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$' }), objectLock: bool },
  },
};

const minioParams: Param[] = [
  param(
    'minio.image',
    'MinIO image (pinned release, never `latest`)',
    'quay.io/minio/minio:RELEASE.2025-04-08T15-41-24Z',
    noLatest,
  ),
  param('minio.servers', 'MinIO servers of the pool', 4, int({ minimum: 1 })),
  param(
    'minio.volumesPerServer',
    'Volumes per server (erasure coding over servers × volumes)',
    4,
    int({ minimum: 1 }),
  ),
  param('minio.volumeSize', 'Size of each volume', '1Ti', size),
  param('minio.storageClass', 'StorageClass; empty: the default', '', storageClass),
  param(
    'minio.resources',
    'Requests and limits of a MinIO server',
    { ...resources('1', '4Gi', '4', '8Gi') },
    resourcesSchema,
  ),
  param(
    'minio.existingConfigSecret',
    'Secret with `config.env` (MINIO_ROOT_USER, MINIO_ROOT_PASSWORD): the tenant root credentials',
    'ecogate-minio-config',
    str({ minLength: 1 }),
  ),
  param(
    'minio.users',
    "Secrets (CONSOLE_ACCESS_KEY, CONSOLE_SECRET_KEY) of the users the tenant creates; attach each service's policy afterwards (docs/operations-k8s.md)",
    [],
    { type: 'array', items: str({ minLength: 1 }) },
  ),
  param(
    'minio.buckets',
    'Buckets created with the tenant; object lock can only be chosen at creation: on for video and captures (retention floors)',
    [
      { name: 'ecogate-captures', objectLock: true },
      { name: 'ecogate-documents', objectLock: false },
      { name: 'ecogate-exports', objectLock: false },
      { name: 'ecogate-video', objectLock: true },
    ],
    bucketList,
  ),
];

export function umbrellaSpec(services: readonly ServiceChart[]): ValuesSpec {
  return {
    implicit: { 'ecogate-lib': { type: 'object' } },
    header: [
      'Values of the umbrella chart `ecogate`: one city. City profiles (profiles/small|medium|large.yaml)',
      'size it; a city values file names its endpoints and Secrets.',
      'Generated by `npm run charts:generate` from charts/tools/umbrella.ts (edit there, not here).',
    ].join('\n'),
    sections: [
      ...globalSections,
      {
        title: 'Services (each a chart of its own; their values go under their name)',
        params: services.map((s) => param(`${s.name}.enabled`, `Install ${s.name}`, true, bool)),
      },
      { title: 'Kafka through the Strimzi operator (with `global.operators.kafka`)', params: kafkaParams },
      {
        title: 'PostgreSQL through CloudNativePG (with `global.operators.postgres`)',
        params: postgresParams,
      },
      {
        title: 'MinIO Tenant through the MinIO operator (with `global.operators.minio`)',
        params: minioParams,
      },
    ],
  };
}

/** A subchart's schema as the umbrella sees it: `global` is the umbrella's (Helm copies it in), nothing required. */
function asDependency(schema: JsonSchema): JsonSchema {
  const strip = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(strip);
    if (typeof node !== 'object' || node === null) return node;
    const out: Record<string, Json> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'required' || key === '$schema' || key === 'title') continue;
      out[key] = strip(value);
    }
    return out;
  };
  const stripped = strip(schema) as { properties?: Record<string, Json> };
  return { ...stripped, properties: { ...stripped.properties, global: { type: 'object' } } };
}

/** The umbrella's schema, with each service's own schema under its name (typos caught at the top). */
export function umbrellaSchema(services: readonly ServiceChart[]): JsonSchema {
  const schema = valuesSchema(umbrellaSpec(services), 'ecogate') as { properties: Record<string, Json> };
  const properties = { ...schema.properties };
  for (const service of services)
    properties[service.name] = asDependency(valuesSchema(service.spec, service.name));
  return { ...schema, properties };
}
