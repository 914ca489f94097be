import { configSection, resources, workloadParams } from '../common-values';
import { extra, int, objectList, param, str } from '../values-spec';
import { commaList, httpUrl, positive } from './env-schemas';
import { serviceChart } from './service-chart';

export const provincialUpload = serviceChart(
  {
    service: 'provincial-upload',
    database: { name: 'ecogate_upload' },
    kafka: true,
    objectStorage: true,
    probes: {
      startupFailures: 24,
      // /health fails while PostgreSQL is away, which a restart does not mend (the service waits and
      // retries by itself): readiness takes it out of the Service, liveness only checks the port.
      liveness: { path: '', failureThreshold: 6 },
    },
    terminationGraceSeconds: 30,
    tmpSizeLimit: '64Mi',
  },
  "delivery of the passages to the province's supervision platform (HJ 1014 / HJ 608).",
  [
    {
      title: 'Workload',
      params: workloadParams('', 'the uploaders', {
        replicas: 2,
        resources: resources('100m', '256Mi', '500m', '512Mi'),
        autoscaling: { min: 2, max: 4, cpu: 70 },
        pdb: { enabled: true, minAvailable: 1, maxUnavailable: '' },
      }),
    },
  ],
  [
    {
      title: 'Platform credentials and network',
      params: [
        param(
          'platform.existingSecret',
          'Secret with PLATFORM_SECRET (the signing secret the province issued)',
          'ecogate-provincial-upload',
          str({ minLength: 1 }),
        ),
        param(
          'platform.existingSecretKey',
          'Key of PLATFORM_SECRET in that Secret',
          'platform-secret',
          str({ minLength: 1 }),
        ),
        param(
          'platform.network.peers',
          "NetworkPolicy peers of the province's platform (its CIDR as an ipBlock); empty: any address on the ports below",
          [],
          objectList,
        ),
        param('platform.network.ports', 'TCP ports of the platform', [443], {
          type: 'array',
          minItems: 1,
          items: int({ minimum: 1, maximum: 65535 }),
        }),
      ],
    },
    configSection(
      [],
      [
        extra(
          'config.PLATFORM_URL',
          'PLATFORM_URL: the platform (`https://...` or `tcp://host:port`); required',
          str({ pattern: '^(https?|tcp)://.+' }),
        ),
        extra(
          'config.PLATFORM_APP_ID',
          'PLATFORM_APP_ID the province issued; required',
          str({ pattern: '^[A-Za-z0-9_.-]{1,64}$' }),
        ),
        extra(
          'config.PLATFORM_ADAPTER',
          'PLATFORM_ADAPTER (default reference-http)',
          str({ enum: ['reference-http', 'reference-tcp'] }),
        ),
        extra(
          'config.PLATFORM_SIGN_METHOD',
          'PLATFORM_SIGN_METHOD (HMAC-SHA256, MD5 or SM3)',
          str({ enum: ['HMAC-SHA256', 'MD5', 'SM3'] }),
        ),
        extra('config.PLATFORM_REQUEST_TIMEOUT_MS', 'PLATFORM_REQUEST_TIMEOUT_MS (default 10000)', positive),
        extra(
          'config.UPLOAD_ENTERPRISE_CODES',
          'UPLOAD_ENTERPRISE_CODES: `enterpriseId:HJ608code,...`',
          commaList,
        ),
        extra(
          'config.UPLOAD_IMAGE_URL_TTL_SECONDS',
          'UPLOAD_IMAGE_URL_TTL_SECONDS (60 s to 7 days; default 86400)',
          int({ minimum: 60, maximum: 604800 }),
        ),
        extra(
          'config.UPLOAD_IMAGE_PUBLIC_ENDPOINT',
          'UPLOAD_IMAGE_PUBLIC_ENDPOINT: the object store as the platform reaches it',
          httpUrl,
        ),
        extra(
          'config.UPLOAD_BATCH_SIZE',
          'UPLOAD_BATCH_SIZE (1-100, default 100)',
          int({ minimum: 1, maximum: 100 }),
        ),
        extra('config.UPLOAD_HEARTBEAT_SECONDS', 'UPLOAD_HEARTBEAT_SECONDS (default 30)', positive),
        extra('config.UPLOAD_POLL_MS', 'UPLOAD_POLL_MS (default 500)', positive),
        extra('config.UPLOAD_RETRY_INITIAL_MS', 'UPLOAD_RETRY_INITIAL_MS (default 1000)', positive),
        extra('config.UPLOAD_RETRY_MAX_MS', 'UPLOAD_RETRY_MAX_MS (default 300000)', positive),
        extra('config.UPLOAD_MAX_ATTEMPTS', 'UPLOAD_MAX_ATTEMPTS (default 10000)', positive),
        extra(
          'config.UPLOAD_CONCURRENT_ENTERPRISES',
          'UPLOAD_CONCURRENT_ENTERPRISES per replica (default 8)',
          positive,
        ),
      ],
    ),
  ],
);
