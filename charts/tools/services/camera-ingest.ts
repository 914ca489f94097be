import { configSection, resources, resourcesSchema, workloadParams } from '../common-values';
import { bool, extra, int, param, str, stringMap } from '../values-spec';
import { bucket, commaList, flag, positive } from './env-schemas';
import { serviceChart } from './service-chart';

const cidrList = { type: 'array', items: str({ pattern: '^[0-9a-fA-F.:]+(/[0-9]{1,3})?$' }) } as const;

export const cameraIngest = serviceChart(
  {
    service: 'camera-ingest',
    database: { name: 'ecogate_ingest' },
    kafka: true,
    objectStorage: true,
    probes: {
      startupFailures: 24,
      // /health fails while PostgreSQL is away, which a restart does not mend (the service waits and
      // retries by itself): readiness takes it out of the Service, liveness only checks the port.
      liveness: { path: '', failureThreshold: 6 },
    },
    terminationGraceSeconds: 30,
    tmpSizeLimit: '256Mi',
  },
  "the cameras' push listener (its own Service and optional Ingress) and the device registry API behind the gateway.",
  [
    {
      title: 'Workloads: push receivers (scale out) and one ONVIF supervisor',
      params: [
        ...workloadParams('push.', 'the push receivers', {
          replicas: 2,
          resources: resources('250m', '256Mi', '1', '512Mi'),
          autoscaling: { min: 2, max: 6, cpu: 70 },
          pdb: { enabled: true, minAvailable: 1, maxUnavailable: '' },
        }),
        param(
          'supervisor.enabled',
          'One extra pod that supervises the ONVIF cameras (health polls, events, triggered snapshots); the push receivers never do, so a camera is supervised once',
          true,
          bool,
        ),
        param(
          'supervisor.resources',
          'Requests and limits of the supervisor',
          { ...resources('100m', '192Mi', '500m', '384Mi') },
          resourcesSchema,
        ),
      ],
    },
  ],
  [
    {
      title: 'Camera push: its own Service and optional Ingress (never through the gateway)',
      params: [
        param(
          'pushSources',
          'Networks the cameras push from (IPs/CIDRs): the only direct sources allowed on the push port; empty: only through the ingress controller',
          [],
          cidrList,
        ),
        param(
          'pushService.type',
          'Service type of the push listener: `LoadBalancer` (or `NodePort`) lets cameras reach it directly',
          'ClusterIP',
          str({ enum: ['ClusterIP', 'NodePort', 'LoadBalancer'] }),
        ),
        param(
          'pushService.externalTrafficPolicy',
          "`Local` keeps the camera's own address (camera-ingest matches pushes to devices by it)",
          'Local',
          str({ enum: ['Local', 'Cluster'] }),
        ),
        param(
          'pushService.annotations',
          'Annotations of the push Service (load balancer settings)',
          {},
          stringMap,
        ),
        param('pushIngress.enabled', 'An Ingress for the push listener (its own host)', false, bool),
        param('pushIngress.className', 'IngressClass', '', str()),
        param('pushIngress.host', 'Host name the cameras push to', '', str({ pattern: '^([a-z0-9.-]+)?$' })),
        param(
          'pushIngress.tlsSecretName',
          'TLS certificate Secret of that host; empty: plain HTTP (most cameras)',
          '',
          str(),
        ),
        param(
          'pushIngress.annotations',
          'Annotations of the push Ingress; `pushSources` also become `nginx.ingress.kubernetes.io/whitelist-source-range`',
          {},
          stringMap,
        ),
      ],
    },
    {
      title: 'Device credentials key (Secret by reference)',
      params: [
        param(
          'deviceCredentials.existingSecret',
          'Secret with DEVICE_CREDENTIALS_KEY (32 random bytes, base64): encrypts device logins at rest',
          'ecogate-camera-ingest',
          str({ minLength: 1 }),
        ),
        param(
          'deviceCredentials.key',
          'Key of DEVICE_CREDENTIALS_KEY in that Secret',
          'device-credentials-key',
          str({ minLength: 1 }),
        ),
      ],
    },
    configSection(
      [],
      [
        extra('config.S3_BUCKET', 'S3_BUCKET of captures (object lock; default ecogate-captures)', bucket),
        extra('config.PUSH_MAX_BODY_BYTES', 'PUSH_MAX_BODY_BYTES (default 4 MiB)', positive),
        extra('config.PUSH_MAX_IMAGE_BYTES', 'PUSH_MAX_IMAGE_BYTES (default 1 MiB)', positive),
        extra('config.PUSH_MAX_TEXT_BYTES', 'PUSH_MAX_TEXT_BYTES (default 64 KiB)', positive),
        extra('config.PUSH_IN_FLIGHT_WAIT_MS', 'PUSH_IN_FLIGHT_WAIT_MS (default 2000)', positive),
        extra(
          'config.TRUSTED_PROXIES',
          "TRUSTED_PROXIES: the ingress controller's pod addresses (IPs/CIDRs) when cameras push through the Ingress",
          commaList,
        ),
        extra('config.BARRIER_DECISION_TIMEOUT_MS', 'BARRIER_DECISION_TIMEOUT_MS (default 1500)', positive),
        extra('config.ONVIF_POLL_INTERVAL_MS', 'ONVIF_POLL_INTERVAL_MS (default 10000)', positive),
        extra(
          'config.ONVIF_OFFLINE_AFTER_FAILED_POLLS',
          'ONVIF_OFFLINE_AFTER_FAILED_POLLS (default 3)',
          positive,
        ),
        extra(
          'config.ONVIF_CLOCK_DRIFT_THRESHOLD_MS',
          'ONVIF_CLOCK_DRIFT_THRESHOLD_MS (default 5000)',
          positive,
        ),
        extra('config.ONVIF_REQUEST_TIMEOUT_MS', 'ONVIF_REQUEST_TIMEOUT_MS (default 5000)', positive),
        extra('config.ONVIF_PULL_TIMEOUT_MS', 'ONVIF_PULL_TIMEOUT_MS (default 10000)', positive),
        extra('config.ONVIF_DEVICE_REFRESH_MS', 'ONVIF_DEVICE_REFRESH_MS (default 30000)', positive),
        extra(
          'config.ONVIF_DISCOVERY_ENABLED',
          "ONVIF_DISCOVERY_ENABLED: WS-Discovery sweeps of a site's networks on request (default false)",
          flag,
        ),
        extra(
          'config.ONVIF_DISCOVERY_TIMEOUT_MS',
          'ONVIF_DISCOVERY_TIMEOUT_MS (default 2000, at most 10000)',
          int({ minimum: 1, maximum: 10_000 }),
        ),
        extra(
          'config.ONVIF_DISCOVERY_PROBES_PER_SECOND',
          'ONVIF_DISCOVERY_PROBES_PER_SECOND (default 200, at most 5000)',
          int({ minimum: 1, maximum: 5_000 }),
        ),
        extra(
          'config.DAHUA_EVENT_STREAM_ENABLED',
          'DAHUA_EVENT_STREAM_ENABLED: attach to Dahua cameras with event source event-stream (default true)',
          flag,
        ),
        extra(
          'config.DAHUA_EVENT_STREAM_HEARTBEAT_S',
          'DAHUA_EVENT_STREAM_HEARTBEAT_S (default 10, at most 300)',
          int({ minimum: 1, maximum: 300 }),
        ),
        extra(
          'config.DAHUA_EVENT_STREAM_CONNECT_TIMEOUT_MS',
          'DAHUA_EVENT_STREAM_CONNECT_TIMEOUT_MS (default 5000)',
          positive,
        ),
        extra(
          'config.DAHUA_EVENT_STREAM_RECONNECT_MIN_MS',
          'DAHUA_EVENT_STREAM_RECONNECT_MIN_MS (default 1000)',
          positive,
        ),
        extra(
          'config.DAHUA_EVENT_STREAM_RECONNECT_MAX_MS',
          'DAHUA_EVENT_STREAM_RECONNECT_MAX_MS (default 60000)',
          positive,
        ),
        extra(
          'config.DAHUA_EVENT_STREAM_OFFLINE_AFTER_FAILURES',
          'DAHUA_EVENT_STREAM_OFFLINE_AFTER_FAILURES (default 3)',
          positive,
        ),
        extra(
          'config.DAHUA_EVENT_STREAM_EVENT_SETTLE_MS',
          'DAHUA_EVENT_STREAM_EVENT_SETTLE_MS (default 1000)',
          positive,
        ),
        extra(
          'config.DAHUA_EVENT_STREAM_DEVICE_REFRESH_MS',
          'DAHUA_EVENT_STREAM_DEVICE_REFRESH_MS (default 30000)',
          positive,
        ),
        extra(
          'config.LOADING_AREA_SNAPSHOTS_ENABLED',
          'LOADING_AREA_SNAPSHOTS_ENABLED: periodic snapshots of loading-area cameras (default true)',
          flag,
        ),
        extra(
          'config.LOADING_AREA_SNAPSHOT_PERIOD_MS',
          'LOADING_AREA_SNAPSHOT_PERIOD_MS: one frame per loading-area camera per period (default 60000, at least 5000)',
          int({ minimum: 5_000 }),
        ),
        extra(
          'config.LOADING_AREA_DEVICE_REFRESH_MS',
          'LOADING_AREA_DEVICE_REFRESH_MS (default 30000)',
          positive,
        ),
        extra(
          'config.VIEW_CHECK_ENABLED',
          "VIEW_CHECK_ENABLED: compare each camera's view with its reference view (default true)",
          flag,
        ),
        extra('config.VIEW_CHECK_INTERVAL_MS', 'VIEW_CHECK_INTERVAL_MS (default 60000)', positive),
        extra(
          'config.VIEW_CHECK_CONCURRENCY',
          'VIEW_CHECK_CONCURRENCY: cameras checked at once (default 4, at most 64)',
          int({ minimum: 1, maximum: 64 }),
        ),
        extra(
          'config.VIEW_CHECK_WORKERS',
          'VIEW_CHECK_WORKERS: worker threads that run the view analysis off the event loop (default 1, at most 16; started on first use)',
          int({ minimum: 1, maximum: 16 }),
        ),
        extra(
          'config.VIEW_CHECK_CONFIRM_CHECKS',
          'VIEW_CHECK_CONFIRM_CHECKS: checks in a row that agree before a change is published (default 2, at most 20)',
          int({ minimum: 1, maximum: 20 }),
        ),
        extra(
          'config.VIEW_CHECK_FROZEN_AFTER_MS',
          'VIEW_CHECK_FROZEN_AFTER_MS: the same frame this long is a frozen image (default 300000)',
          positive,
        ),
      ],
    ),
  ],
);
