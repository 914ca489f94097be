import { configSection, resources, resourcesSchema, workloadParams } from '../common-values';
import { bool, extra, param, str, stringMap } from '../values-spec';
import { bucket, commaList, positive } from './env-schemas';
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
      ],
    ),
  ],
);
