import { configSection, resources, workloadParams } from '../common-values';
import { extra, int, objectList, param, str } from '../values-spec';
import { bucket, nonNegative, positive } from './env-schemas';
import { serviceChart } from './service-chart';

export const ledger = serviceChart(
  {
    service: 'ledger',
    database: { name: 'ecogate_ledger' },
    kafka: true,
    objectStorage: true,
    probes: {
      startupFailures: 24,
      // /health fails while PostgreSQL is away, which a restart does not mend (the service waits and
      // retries by itself): readiness takes it out of the Service, liveness only checks the port.
      liveness: { path: '', failureThreshold: 6 },
    },
    // An export in progress is resumed by another replica, but a clean stop is cheaper.
    terminationGraceSeconds: 60,
    // Excel exports are written here before the upload (2 000 000 rows ≈ 140 MB).
    tmpSizeLimit: '1Gi',
  },
  'the electronic ledger: passages, vehicles, plans, alert levels, documents, exports.',
  [
    {
      title: 'Workload',
      params: workloadParams('', 'the ledger', {
        replicas: 2,
        resources: resources('250m', '384Mi', '1', '768Mi'),
        autoscaling: { min: 2, max: 4, cpu: 70 },
        pdb: { enabled: true, minAvailable: 1, maxUnavailable: '' },
      }),
    },
    {
      title: 'Hash chain signing key (a Secret by reference)',
      params: [
        param(
          'chainSigningKey.existingSecret',
          "Secret with the cluster's Ed25519 key (PKCS8 PEM) that signs each enterprise's daily chain root: LEDGER_CHAIN_SIGNING_KEY_FILE; empty: no roots are signed (verify then checks links only)",
          'ecogate-ledger-chain-key',
          str(),
        ),
        param(
          'chainSigningKey.key',
          'Key of the private key in that Secret',
          'chain-key.pem',
          str({ minLength: 1 }),
        ),
        param(
          'chainSigningKey.keyId',
          'LEDGER_CHAIN_SIGNING_KEY_ID stored with each root (change it when the key is rotated)',
          'ledger-chain-1',
          str({ pattern: '^[\\w.-]{1,64}$' }),
        ),
      ],
    },
    {
      title: "Stage lookup: the city's source of emission stages (docs/stage-lookup.md)",
      params: [
        param(
          'stageLookup.url',
          "LEDGER_STAGE_LOOKUP_URL: the province's vehicle database or the national disclosure service (HTTPS); empty: the lookup is off and says so",
          '',
          str({ pattern: '^(https://.+)?$' }),
        ),
        param(
          'stageLookup.credentials.existingSecret',
          'Secret with the city\'s credentials at that source (JSON: {"token"} or {"apiKey","apiSecret"}): LEDGER_STAGE_LOOKUP_CREDENTIALS_FILE; required with a URL',
          'ecogate-ledger-stage-lookup',
          str(),
        ),
        param(
          'stageLookup.credentials.key',
          'Key of the credentials file in that Secret',
          'credentials.json',
          str({ minLength: 1 }),
        ),
        param(
          'stageLookup.network.peers',
          'NetworkPolicy peers of that source (its CIDR as an ipBlock); empty: any address on the ports below (only with a URL)',
          [],
          objectList,
        ),
        param('stageLookup.network.ports', 'TCP ports of that source', [443], {
          type: 'array',
          minItems: 1,
          items: int({ minimum: 1, maximum: 65535 }),
        }),
      ],
    },
  ],
  [
    configSection(
      [],
      [
        extra(
          'config.LEDGER_RETENTION_DAYS',
          'LEDGER_RETENTION_DAYS of an enterprise without its own policy (default: `global.retention.ledgerDays`)',
          int({ minimum: 365 }),
        ),
        extra('config.LEDGER_PARTITIONS_AHEAD', 'LEDGER_PARTITIONS_AHEAD (default 3)', positive),
        extra(
          'config.LEDGER_MAINTENANCE_INTERVAL_MS',
          'LEDGER_MAINTENANCE_INTERVAL_MS (0: off; default 3600000)',
          int({ minimum: 0 }),
        ),
        extra(
          'config.LEDGER_DOCUMENTS_BUCKET',
          'LEDGER_DOCUMENTS_BUCKET (default ecogate-documents)',
          bucket,
        ),
        extra(
          'config.LEDGER_CAPTURES_BUCKET',
          "LEDGER_CAPTURES_BUCKET: camera-ingest's S3_BUCKET, for tamper episodes' images (default ecogate-captures)",
          bucket,
        ),
        extra('config.LEDGER_DOCUMENT_MAX_BYTES', 'LEDGER_DOCUMENT_MAX_BYTES (default 10 MiB)', positive),
        extra('config.LEDGER_DOCUMENT_URL_TTL_S', 'LEDGER_DOCUMENT_URL_TTL_S (default 300)', positive),
        extra('config.LEDGER_OUTBOX_POLL_MS', 'LEDGER_OUTBOX_POLL_MS (default 200)', positive),
        extra(
          'config.LEDGER_CHAIN_ROOTS_INTERVAL_MS',
          'LEDGER_CHAIN_ROOTS_INTERVAL_MS: how often the roots of closed days are signed (default 3600000; 0: off)',
          nonNegative,
        ),
        extra(
          'config.LEDGER_DOCUMENT_READ_TIMEOUT_MS',
          'LEDGER_DOCUMENT_READ_TIMEOUT_MS (default 60000)',
          positive,
        ),
        extra(
          'config.LEDGER_LOADING_AREA_MAX_STAY_H',
          'LEDGER_LOADING_AREA_MAX_STAY_H: an entry with no exit within this many hours is an anomaly (default 12)',
          positive,
        ),
        extra('config.LEDGER_LOADING_AREA_SCAN_MS', 'LEDGER_LOADING_AREA_SCAN_MS (default 60000)', positive),
        extra(
          'config.LEDGER_LOADING_AREA_SCAN_HORIZON_H',
          'LEDGER_LOADING_AREA_SCAN_HORIZON_H (default 72)',
          positive,
        ),
        extra(
          'config.LEDGER_LOADING_AREA_SCAN_GRACE_MS',
          'LEDGER_LOADING_AREA_SCAN_GRACE_MS: how long past its deadline an entry waits to be judged (default 600000)',
          positive,
        ),
        extra(
          'config.LEDGER_INTAKE_CONCURRENCY',
          'LEDGER_INTAKE_CONCURRENCY: decision partitions recorded side by side per replica (default 3)',
          positive,
        ),
        extra(
          'config.LEDGER_CLOCK_DRIFT_MAX_PAST_MS',
          'LEDGER_CLOCK_DRIFT_MAX_PAST_MS (default a week)',
          positive,
        ),
        extra('config.LEDGER_CLOCK_DRIFT_MAX_FUTURE_MS', 'LEDGER_CLOCK_DRIFT_MAX_FUTURE_MS', positive),
        extra(
          'config.LEDGER_KNOWN_PLATES_DAYS',
          "LEDGER_KNOWN_PLATES_DAYS: a site's trusted passages of this many days make its plates known to plate recognition (default 30)",
          positive,
        ),
        extra('config.LEDGER_EXPORTS_BUCKET', 'LEDGER_EXPORTS_BUCKET (default ecogate-exports)', bucket),
        extra('config.LEDGER_EXPORT_KEEP_DAYS', 'LEDGER_EXPORT_KEEP_DAYS (default 1)', positive),
        extra('config.LEDGER_EXPORT_URL_TTL_S', 'LEDGER_EXPORT_URL_TTL_S (default 300)', positive),
        extra(
          'config.LEDGER_EXPORT_CONCURRENCY',
          'LEDGER_EXPORT_CONCURRENCY per replica (default 1)',
          positive,
        ),
        extra('config.LEDGER_EXPORT_MAX_ROWS', 'LEDGER_EXPORT_MAX_ROWS (default 2000000)', positive),
        extra('config.LEDGER_EXPORT_POLL_MS', 'LEDGER_EXPORT_POLL_MS (default 1000)', positive),
        extra('config.LEDGER_EXPORT_STALE_MS', 'LEDGER_EXPORT_STALE_MS (default 60000)', positive),
        extra(
          'config.LEDGER_EXPORT_GC_EVERY_ROWS',
          'LEDGER_EXPORT_GC_EVERY_ROWS (0: none; default 20000)',
          int({ minimum: 0 }),
        ),
        extra(
          'config.LEDGER_VIDEO_ARCHIVE_TIMEOUT_MS',
          'LEDGER_VIDEO_ARCHIVE_TIMEOUT_MS: each call to the video archive (default 10000)',
          positive,
        ),
        extra(
          'config.LEDGER_STAGE_LOOKUP_TIMEOUT_MS',
          'LEDGER_STAGE_LOOKUP_TIMEOUT_MS: each lookup; past it the lookup is retried (default 10000)',
          positive,
        ),
        extra(
          'config.LEDGER_STAGE_LOOKUP_RATE_PER_MIN',
          "LEDGER_STAGE_LOOKUP_RATE_PER_MIN: lookups a replica sends at most (the source's quota for the city; default 60)",
          positive,
        ),
        extra(
          'config.LEDGER_STAGE_LOOKUP_TTL_S',
          'LEDGER_STAGE_LOOKUP_TTL_S: how long a found or conflicting answer is used (default 30 days)',
          positive,
        ),
        extra(
          'config.LEDGER_STAGE_LOOKUP_NOT_FOUND_TTL_S',
          'LEDGER_STAGE_LOOKUP_NOT_FOUND_TTL_S: how long "not found" is used (default 1 day)',
          positive,
        ),
        extra(
          'config.LEDGER_REPORT_FONT_FILE',
          "LEDGER_REPORT_FONT_FILE: the inspection report's CJK font (default the image's Noto Sans CJK collection)",
          str({ minLength: 1 }),
        ),
        extra(
          'config.LEDGER_REPORT_FONT_FACE',
          'LEDGER_REPORT_FONT_FACE: the face within a font collection (default NotoSansCJKsc-Regular)',
          str(),
        ),
        extra(
          'config.LEDGER_EVIDENCE_PACK_ARCHIVE_RETRY_MS',
          'LEDGER_EVIDENCE_PACK_ARCHIVE_RETRY_MS: between two tries of an unavailable video archive (default 15000)',
          positive,
        ),
        extra(
          'config.LEDGER_EVIDENCE_PACK_ARCHIVE_WAIT_MS',
          'LEDGER_EVIDENCE_PACK_ARCHIVE_WAIT_MS: how long a pack waits for the archive before it fails (default 1800000)',
          positive,
        ),
      ],
    ),
  ],
);
