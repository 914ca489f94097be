import { configSection, resources, workloadParams } from '../common-values';
import { extra, int, param, str } from '../values-spec';
import { positive } from './env-schemas';
import { serviceChart } from './service-chart';

export const barrierControl = serviceChart(
  {
    service: 'barrier-control',
    database: { name: 'ecogate_barrier' },
    kafka: true,
    objectStorage: false,
    probes: {
      startupFailures: 24,
      // /health answers 503 while the consumer waits for a dependency; restarting the one instance
      // would only stop every lane, so liveness checks that the port answers.
      liveness: { path: '', failureThreshold: 6 },
    },
    terminationGraceSeconds: 30,
    tmpSizeLimit: '64Mi',
  },
  "the lanes' decisions and barrier commands; one instance per release (docs/barrier-control.md).",
  [
    {
      // One instance: pending Vzenith replies and manual-control outcomes live in its memory, and
      // camera-ingest asks it over HTTP. Recreate, so two never run side by side during a rollout.
      title: 'Workload (a single instance, replaced with Recreate)',
      params: workloadParams(
        '',
        'barrier-control',
        {
          replicas: 1,
          resources: resources('250m', '256Mi', '1', '512Mi'),
          pdb: { enabled: false, minAvailable: '', maxUnavailable: 1 },
        },
        true,
      ),
    },
  ],
  [
    {
      title: 'Gates and device passwords (by reference)',
      params: [
        param(
          'gates.configMap',
          'ConfigMap with the gates file (BARRIER_GATES_FILE: enterprises, lanes, barrier targets)',
          'ecogate-barrier-gates',
          str({ minLength: 1 }),
        ),
        param(
          'gates.key',
          'Key of the gates file (JSON) in that ConfigMap',
          'gates.json',
          str({ minLength: 1 }),
        ),
        param(
          'devicePasswords.existingSecret',
          "Secret whose keys become environment variables: the barriers' passwords the gates file names by `passwordEnv`; empty: none",
          '',
          str(),
        ),
      ],
    },
    configSection(
      [],
      [
        extra(
          'config.BARRIER_REVERSING_WINDOW_SECONDS',
          'BARRIER_REVERSING_WINDOW_SECONDS (default 60)',
          positive,
        ),
        extra('config.BARRIER_OPEN_CYCLE_SECONDS', 'BARRIER_OPEN_CYCLE_SECONDS (default 15)', positive),
        extra('config.BARRIER_CUT_IN_WINDOW_SECONDS', 'BARRIER_CUT_IN_WINDOW_SECONDS (default 30)', positive),
        extra('config.BARRIER_ISAPI_TIMEOUT_MS', 'BARRIER_ISAPI_TIMEOUT_MS (default 5000)', positive),
        extra('config.BARRIER_DAHUA_TIMEOUT_MS', 'BARRIER_DAHUA_TIMEOUT_MS (default 12000)', positive),
        extra(
          'config.BARRIER_VZENITH_REPLY_TTL_MS',
          'BARRIER_VZENITH_REPLY_TTL_MS (default 10000)',
          positive,
        ),
        extra(
          'config.BARRIER_VZENITH_REPLY_WAIT_MS',
          'BARRIER_VZENITH_REPLY_WAIT_MS (default 1000)',
          positive,
        ),
        extra('config.BARRIER_ONVIF_TIMEOUT_MS', 'BARRIER_ONVIF_TIMEOUT_MS (default 5000)', positive),
        extra('config.BARRIER_ONVIF_PULSE_MS', 'BARRIER_ONVIF_PULSE_MS (default 500)', positive),
        extra(
          'config.BARRIER_FUSION_WAIT_MS',
          "BARRIER_FUSION_WAIT_MS: wait for the server read (0-10000, default 0; about plate-recognition's p95 where it runs)",
          int({ minimum: 0, maximum: 10000 }),
        ),
        extra('config.LEDGER_TIMEOUT_MS', 'LEDGER_TIMEOUT_MS (default 1500)', positive),
        extra('config.LEDGER_SETTINGS_TTL_MS', 'LEDGER_SETTINGS_TTL_MS (default 5000)', positive),
        extra('config.LEDGER_VEHICLE_TTL_MS', 'LEDGER_VEHICLE_TTL_MS (default 10000)', positive),
        extra('config.LEDGER_VEHICLE_CACHE_SIZE', 'LEDGER_VEHICLE_CACHE_SIZE (default 5000)', positive),
      ],
    ),
  ],
);
