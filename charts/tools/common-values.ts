// The values every chart shares: `global` (the umbrella's, passed down to each service chart) and
// the parameters of a service's workload (image, resources, probes, scheduling, secrets by reference).
import {
  bool,
  extra,
  type Extra,
  int,
  type Json,
  type JsonSchema,
  objectList,
  param,
  type Param,
  type Section,
  str,
  stringMap,
  strList,
  envValue,
} from './values-spec';

const port: JsonSchema = int({ minimum: 1, maximum: 65535 });
const ports: JsonSchema = { type: 'array', minItems: 1, items: port };
const quantity: JsonSchema = { type: ['string', 'number'], pattern: '^[0-9.]+[a-zA-Z]*$' };
const resourceList: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['cpu', 'memory'],
  properties: { cpu: quantity, memory: { type: 'string' }, 'ephemeral-storage': { type: 'string' } },
};
/** Requests and limits, both with cpu and memory: the policy checks refuse a container without them. */
export const resourcesSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['requests', 'limits'],
  properties: { requests: resourceList, limits: resourceList },
};
const percentOrCount: JsonSchema = { type: ['integer', 'string'], pattern: '^([0-9]+%?)?$' };
/** A Kubernetes secret or config map name (DNS subdomain), or empty for the default. */
const objectName: JsonSchema = str({ pattern: '^([a-z0-9]([-a-z0-9.]*[a-z0-9])?)?$', maxLength: 253 });
/** A key of a Secret or ConfigMap, or empty for the default. */
const dataKey: JsonSchema = str({ pattern: '^[-._a-zA-Z0-9]*$' });
/** An image tag naming a release, or empty for the default; never `latest` (Go's regexp has no look-ahead). */
export const imageTag: JsonSchema = str({ pattern: '^([\\w][\\w.-]{0,127})?$', not: { const: 'latest' } });
const cidr: JsonSchema = str({ pattern: '^[0-9a-fA-F.:]+(/[0-9]{1,3})?$' });

export interface Resources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu: string; readonly memory: string };
}

export const resources = (cpu: string, memory: string, cpuLimit: string, memoryLimit: string): Resources => ({
  requests: { cpu, memory },
  limits: { cpu: cpuLimit, memory: memoryLimit },
});

const networkPeers = (path: string, what: string, defaultPorts: readonly number[], peers: Json = []) => [
  param(
    `${path}.peers`,
    `NetworkPolicy peers (ipBlock, namespaceSelector, podSelector) of ${what}; empty: any address, on the ports below`,
    peers,
    objectList,
  ),
  param(`${path}.ports`, `TCP ports of ${what}`, defaultPorts, ports),
];

/** `global`: the same defaults in the umbrella and in each service chart (used alone). */
export const globalSections: readonly Section[] = [
  {
    title: 'Global parameters (shared by every Ecogate chart)',
    params: [
      param(
        'global.imageRegistry',
        'Registry and path of the images: `<imageRegistry>/<service>:<tag>`',
        'ghcr.io/ecogate',
        str({ minLength: 1 }),
      ),
      param(
        'global.imageTag',
        'Image tag of every service (the release version); empty: the chart appVersion. Never `latest`',
        '',
        imageTag,
      ),
      param('global.imagePullSecrets', 'Names of image pull Secrets', [], strList()),
      param('global.city', 'The city this release serves (annotations and notes only)', '', str()),
      param(
        'global.logLevel',
        'LOG_LEVEL of every service (a service may set its own `logLevel`)',
        'info',
        str({ enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] }),
      ),
      param(
        'global.otlpEndpoint',
        'OTEL_EXPORTER_OTLP_ENDPOINT for traces; empty: no trace export',
        '',
        str({ pattern: '^(https?://.+)?$' }),
      ),
      param(
        'global.operators.kafka',
        'The umbrella runs Kafka through the Strimzi operator (`kafka.*` of the umbrella); false: the city Kafka of `global.kafka`',
        false,
        bool,
      ),
      param(
        'global.operators.postgres',
        'The umbrella runs PostgreSQL through CloudNativePG (`postgres.*`); false: the city PostgreSQL of `global.postgres`',
        false,
        bool,
      ),
      param(
        'global.operators.minio',
        'The umbrella runs a MinIO Tenant (`minio.*`); false: the city S3 store of `global.objectStorage`',
        false,
        bool,
      ),
      param(
        'global.kafka.brokers',
        'KAFKA_BROKERS of the city Kafka (`host:port,...`); ignored with `global.operators.kafka`',
        '',
        str({ pattern: '^([\\w.-]+:[0-9]{1,5}(,[\\w.-]+:[0-9]{1,5})*)?$' }),
      ),
      param(
        'global.kafka.topicPrefix',
        'KAFKA_TOPIC_PREFIX: prepended to every topic and consumer group (several cities on one Kafka)',
        '',
        str({ pattern: '^[\\w.-]*$' }),
      ),
      param('global.kafka.tls.enabled', 'TLS to the brokers (ADR 0006)', true, bool),
      param(
        'global.kafka.tls.caSecret.name',
        "Secret with the CA that signed the brokers' certificates; empty: the system CAs",
        '',
        objectName,
      ),
      param(
        'global.kafka.tls.caSecret.key',
        'Key of the CA certificate (PEM) in that Secret',
        'ca.crt',
        dataKey,
      ),
      param('global.kafka.sasl.enabled', 'SASL/SCRAM, one principal per service (ADR 0006)', true, bool),
      param(
        'global.kafka.sasl.mechanism',
        'KAFKA_SASL_MECHANISM',
        'scram-sha-512',
        str({ enum: ['scram-sha-512', 'scram-sha-256'] }),
      ),
      param(
        'global.kafka.sasl.existingSecret',
        "Secret with each service's Kafka password under the service's name (`gateway`, `ledger`, ...)",
        'ecogate-kafka',
        objectName,
      ),
      ...networkPeers('global.kafka.network', 'the Kafka brokers', [9093]),
      param(
        'global.postgres.existingSecret',
        "Secret with each service's DATABASE_URL under the service's name (`gateway`, `ledger`, ...)",
        'ecogate-postgres',
        objectName,
      ),
      ...networkPeers('global.postgres.network', 'PostgreSQL', [5432]),
      param(
        'global.objectStorage.endpoint',
        'S3_ENDPOINT of the city S3 store (object lock enabled); ignored with `global.operators.minio`',
        '',
        str({ pattern: '^(https?://[^/]+)?$' }),
      ),
      param('global.objectStorage.region', 'S3_REGION', 'us-east-1', str({ minLength: 1 })),
      param(
        'global.objectStorage.existingSecret',
        "Secret with each service's S3 keys: `<service>-access-key` and `<service>-secret-key`",
        'ecogate-s3',
        objectName,
      ),
      ...networkPeers('global.objectStorage.network', 'the S3 store', [443]),
      param(
        'global.retention.videoDays',
        'VIDEO_RETENTION_DAYS: video kept at least this long (national floor 180 days, a city may raise it)',
        180,
        int({ minimum: 180 }),
      ),
      param(
        'global.retention.ledgerDays',
        'LEDGER_RETENTION_FLOOR_DAYS: ledger kept at least this long (national floor 365 days)',
        365,
        int({ minimum: 365 }),
      ),
      param(
        'global.deviceNetworks',
        'DEVICE_ALLOWED_NETWORKS: the plant networks of cameras and barriers (IPs/CIDRs); also the only egress of camera-ingest, barrier-control and video-archive to devices. Empty: no device is reachable',
        [],
        { type: 'array', items: cidr },
      ),
      param(
        'global.auth.serviceKeys.configMap',
        "ConfigMap with the services' public keys (JWKS, AUTH_SERVICE_KEYS_FILE)",
        'ecogate-service-keys',
        objectName,
      ),
      param('global.auth.serviceKeys.key', 'Key of the JWKS in that ConfigMap', 'jwks.json', dataKey),
      param(
        'global.auth.signingKeys.existingSecret',
        'Secret with the private key (ES256 PKCS8 PEM) of each service that calls another, under `<service>.pem` (SERVICE_SIGNING_KEY_FILE)',
        'ecogate-service-signing-keys',
        objectName,
      ),
      param(
        'global.networkPolicy.enabled',
        'Default-deny NetworkPolicies: each pod reaches only what it uses',
        true,
        bool,
      ),
      ...networkPeers(
        'global.networkPolicy.dns',
        'the cluster DNS',
        [53],
        [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
            podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
          },
        ],
      ),
      param(
        'global.networkPolicy.ingressController.peers',
        'NetworkPolicy peers of the ingress controller: the only way in for people (to the gateway) and, with the push Ingress, for cameras',
        [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }],
        objectList,
      ),
      param(
        'global.networkPolicy.monitoring.peers',
        'NetworkPolicy peers of Prometheus (scrapes the metrics port 9464)',
        [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
        objectList,
      ),
      ...networkPeers('global.networkPolicy.otlp', 'the OTLP collector (with `global.otlpEndpoint`)', [4318]),
      param(
        'global.serviceMonitor.enabled',
        'A ServiceMonitor (monitoring.coreos.com/v1) per service for the Prometheus operator',
        false,
        bool,
      ),
      param('global.serviceMonitor.interval', 'Scrape interval', '30s', str({ pattern: '^[0-9]+(ms|s|m)$' })),
      param(
        'global.serviceMonitor.labels',
        'Labels the Prometheus selects ServiceMonitors by',
        {},
        stringMap,
      ),
    ],
  },
];

/** The probes on GET /health of the service's HTTP port (`path` empty: a TCP check of that port). */
export interface ProbeDefaults {
  readonly startupFailures: number;
  readonly liveness?: { readonly path: string; readonly failureThreshold: number };
}

function probeParams(defaults: ProbeDefaults): Param[] {
  const probe = (
    name: string,
    what: string,
    path: string,
    period: number,
    timeout: number,
    failures: number,
  ) => [
    param(
      `probes.${name}.path`,
      `${what}: HTTP path on the http port; empty: a TCP check`,
      path,
      str({ pattern: '^(/.*)?$' }),
    ),
    param(`probes.${name}.periodSeconds`, `${what}: seconds between checks`, period, int({ minimum: 1 })),
    param(
      `probes.${name}.timeoutSeconds`,
      `${what}: seconds before a check fails`,
      timeout,
      int({ minimum: 1 }),
    ),
    param(
      `probes.${name}.failureThreshold`,
      `${what}: failed checks in a row before it acts`,
      failures,
      int({ minimum: 1 }),
    ),
  ];
  return [
    ...probe(
      'startup',
      'Startup probe (holds the other two until the service is up)',
      '/health',
      5,
      3,
      defaults.startupFailures,
    ),
    ...probe('readiness', 'Readiness probe (out of the Service while it fails)', '/health', 10, 3, 3),
    ...probe(
      'liveness',
      'Liveness probe (restart); generous, as /health also fails while a dependency such as PostgreSQL is away',
      defaults.liveness?.path ?? '/health',
      20,
      5,
      defaults.liveness?.failureThreshold ?? 6,
    ),
  ];
}

export interface WorkloadDefaults {
  readonly replicas: number;
  readonly resources: Resources;
  readonly autoscaling?: { readonly min: number; readonly max: number; readonly cpu: number };
  /** PodDisruptionBudget: minAvailable (or maxUnavailable when it is empty). */
  readonly pdb: {
    readonly enabled: boolean;
    readonly minAvailable: number | string;
    readonly maxUnavailable: number | string;
  };
}

/** Replicas, resources, HPA and PDB of one workload; `prefix` for a service with several (camera-ingest). */
export function workloadParams(
  prefix: string,
  what: string,
  d: WorkloadDefaults,
  replicasFixed = false,
): Param[] {
  const p = (path: string) => `${prefix}${path}`;
  return [
    ...(replicasFixed
      ? []
      : [
          param(
            p('replicaCount'),
            `Replicas of ${what} (ignored while the HPA is on)`,
            d.replicas,
            int({ minimum: 0 }),
          ),
        ]),
    param(
      p('resources'),
      `Requests and limits of ${what} (cpu and memory, both required)`,
      { ...d.resources },
      resourcesSchema,
    ),
    ...(d.autoscaling
      ? [
          param(
            p('autoscaling.enabled'),
            `HorizontalPodAutoscaler (autoscaling/v2) for ${what}`,
            false,
            bool,
          ),
          param(p('autoscaling.minReplicas'), 'Fewest replicas', d.autoscaling.min, int({ minimum: 1 })),
          param(p('autoscaling.maxReplicas'), 'Most replicas', d.autoscaling.max, int({ minimum: 1 })),
          param(
            p('autoscaling.targetCPUUtilizationPercentage'),
            'Average CPU (share of the request) the HPA aims at',
            d.autoscaling.cpu,
            int({ minimum: 1, maximum: 100 }),
          ),
        ]
      : []),
    param(p('podDisruptionBudget.enabled'), `PodDisruptionBudget for ${what}`, d.pdb.enabled, bool),
    param(
      p('podDisruptionBudget.minAvailable'),
      'Pods that must stay up during a voluntary disruption (count or percentage); empty: use maxUnavailable',
      d.pdb.minAvailable,
      percentOrCount,
    ),
    param(
      p('podDisruptionBudget.maxUnavailable'),
      'Pods that may be down at once, when minAvailable is empty',
      d.pdb.maxUnavailable,
      percentOrCount,
    ),
  ];
}

export interface ServiceOptions {
  readonly service: string;
  /** Appears in the chart's values as `database.*` and a migration Job. */
  readonly database?: { readonly name: string };
  readonly kafka: boolean;
  readonly objectStorage: boolean;
  readonly probes: ProbeDefaults;
  readonly terminationGraceSeconds: number;
  readonly tmpSizeLimit: string;
}

/** Image, probes, scheduling, network extras, secrets by reference: the same in every service chart. */
export function serviceSections(o: ServiceOptions): Section[] {
  const sections: Section[] = [
    {
      title: 'Image and logging',
      params: [
        param(
          'enabled',
          'Install this service (the umbrella chart `ecogate` reads it as the dependency condition)',
          true,
          bool,
        ),
        param(
          'image.registry',
          'Registry of the image; empty: `global.imageRegistry`',
          '',
          str({ pattern: '^[^\\s]*$' }),
        ),
        param('image.repository', `Repository; empty: \`${o.service}\``, '', str({ pattern: '^[^\\s:]*$' })),
        param(
          'image.tag',
          'Tag; empty: `global.imageTag`, then the chart appVersion. Never `latest`',
          '',
          imageTag,
        ),
        param(
          'image.digest',
          'Digest (`sha256:...`); when set it pins the image',
          '',
          str({ pattern: '^(sha256:[0-9a-f]{64})?$' }),
        ),
        param(
          'image.pullPolicy',
          'Pull policy',
          'IfNotPresent',
          str({ enum: ['IfNotPresent', 'Always', 'Never'] }),
        ),
        param(
          'logLevel',
          'LOG_LEVEL of this service; empty: `global.logLevel`',
          '',
          str({ enum: ['', 'fatal', 'error', 'warn', 'info', 'debug', 'trace'] }),
        ),
      ],
    },
    {
      title: 'Probes',
      params: probeParams(o.probes),
    },
    {
      title: 'Scheduling',
      params: [
        param(
          'terminationGracePeriodSeconds',
          'Seconds between SIGTERM (the service drains and closes cleanly) and SIGKILL',
          o.terminationGraceSeconds,
          int({ minimum: 1 }),
        ),
        param(
          'scheduling.podAntiAffinity',
          'Replicas on different nodes: `soft` (preferred), `hard` (required) or `none`',
          'soft',
          str({ enum: ['soft', 'hard', 'none'] }),
        ),
        param(
          'scheduling.zoneSpread',
          'Spread replicas over zones (topology.kubernetes.io/zone), best effort',
          true,
          bool,
        ),
        param('nodeSelector', 'Node labels the pods require', {}, stringMap),
        param('tolerations', 'Tolerations of the pods', [], objectList),
        param('priorityClassName', 'PriorityClass of the pods', '', str()),
        param('podAnnotations', 'Extra pod annotations', {}, stringMap),
        param('podLabels', 'Extra pod labels', {}, stringMap),
        param(
          'serviceAccount.annotations',
          'Annotations of the ServiceAccount (its token is never mounted)',
          {},
          stringMap,
        ),
        param(
          'tmpSizeLimit',
          'Size limit of the writable /tmp (emptyDir; the root filesystem is read-only)',
          o.tmpSizeLimit,
          str({ pattern: '^[0-9]+[KMGT]i$' }),
        ),
      ],
    },
    {
      title: 'Network',
      params: [
        param('networkPolicy.extraIngress', 'Extra NetworkPolicy ingress rules of the pods', [], objectList),
        param('networkPolicy.extraEgress', 'Extra NetworkPolicy egress rules of the pods', [], objectList),
      ],
    },
  ];
  const secrets: Param[] = [];
  if (o.database) {
    secrets.push(
      param(
        'database.existingSecret',
        'Secret with DATABASE_URL; empty: `global.postgres.existingSecret`',
        '',
        objectName,
      ),
      param('database.key', `Key of DATABASE_URL in that Secret; empty: \`${o.service}\``, '', dataKey),
      param(
        'database.name',
        'Database name created by the CloudNativePG `Database` resource (with `global.operators.postgres`)',
        o.database.name,
        str({ pattern: '^[a-z_][a-z0-9_]{0,62}$' }),
      ),
    );
  }
  if (o.kafka) {
    secrets.push(
      param(
        'kafka.username',
        `KAFKA_SASL_USERNAME (the service's principal); empty: \`${o.service}\` (with Strimzi: its KafkaUser \`<release>-${o.service}\`)`,
        '',
        str({ pattern: '^[\\w.-]*$' }),
      ),
      param(
        'kafka.existingSecret',
        'Secret with KAFKA_SASL_PASSWORD; empty: `global.kafka.sasl.existingSecret`',
        '',
        objectName,
      ),
      param('kafka.passwordKey', `Key of the password in that Secret; empty: \`${o.service}\``, '', dataKey),
    );
  }
  if (o.objectStorage) {
    secrets.push(
      param(
        'objectStorage.existingSecret',
        'Secret with S3_ACCESS_KEY and S3_SECRET_KEY; empty: `global.objectStorage.existingSecret`',
        '',
        objectName,
      ),
      param(
        'objectStorage.accessKeyKey',
        `Key of the access key; empty: \`${o.service}-access-key\``,
        '',
        dataKey,
      ),
      param(
        'objectStorage.secretKeyKey',
        `Key of the secret key; empty: \`${o.service}-secret-key\``,
        '',
        dataKey,
      ),
    );
  }
  if (secrets.length > 0)
    sections.push({
      title: 'Infrastructure credentials (Secrets by reference, never values)',
      params: secrets,
    });
  if (o.database) {
    sections.push({
      title: 'Migrations',
      params: [
        param(
          'migration.enabled',
          '`--migrate` as a Job before install and upgrade (after install when CloudNativePG creates the database)',
          true,
          bool,
        ),
        param('migration.backoffLimit', 'Retries of the migration Job', 6, int({ minimum: 0 })),
        param(
          'migration.activeDeadlineSeconds',
          'Seconds the migration Job may take in all',
          900,
          int({ minimum: 60 }),
        ),
        param(
          'migration.resources',
          'Requests and limits of the migration container',
          { ...resources('100m', '192Mi', '1', '384Mi') },
          resourcesSchema,
        ),
      ],
    });
  }
  return sections;
}

/** The `config` section: non-secret environment variables of the service, into its ConfigMap. */
export function configSection(params: readonly Param[], extras: readonly Extra[]): Section {
  return {
    title: 'Service settings (environment variables; unset ones keep the application default)',
    params,
    extras: [
      extra(
        'config.TELEMETRY_ENABLED',
        'TELEMETRY_ENABLED: metrics and traces (default true)',
        envValue({ type: 'boolean' }),
      ),
      ...extras,
    ],
  };
}

export { envValue };
