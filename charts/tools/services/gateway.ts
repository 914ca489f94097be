import { configSection, resources, workloadParams } from '../common-values';
import { bool, extra, int, param, str, stringMap, objectList } from '../values-spec';
import { commaList, flag, httpUrl, positive, text } from './env-schemas';
import { serviceChart } from './service-chart';

const keyId = str({ pattern: '^[\\w.-]{1,64}$' });

export const gateway = serviceChart(
  {
    service: 'gateway',
    database: { name: 'ecogate_gateway' },
    kafka: true,
    objectStorage: false,
    probes: { startupFailures: 24 },
    terminationGraceSeconds: 30,
    tmpSizeLimit: '64Mi',
  },
  'the one way in for people (console, API, sign-in), in front of every other service.',
  [
    {
      title: 'Workload',
      params: workloadParams('', 'the gateway', {
        replicas: 2,
        resources: resources('250m', '256Mi', '1', '512Mi'),
        autoscaling: { min: 2, max: 6, cpu: 70 },
        pdb: { enabled: true, minAvailable: 1, maxUnavailable: '' },
      }),
    },
  ],
  [
    {
      title: 'Ingress (the only way in for people)',
      params: [
        param('ingress.enabled', 'An Ingress for the console and the API', false, bool),
        param('ingress.className', 'IngressClass', '', str()),
        param(
          'ingress.host',
          'Host name people use, e.g. `ecogate.city.example`',
          '',
          str({ pattern: '^([a-z0-9.-]+)?$' }),
        ),
        param(
          'ingress.tlsSecretName',
          'Secret with the TLS certificate of that host; empty: no TLS section',
          '',
          str(),
        ),
        param(
          'ingress.annotations',
          'Annotations of the Ingress (body size, timeouts of the live stream, ...)',
          {},
          stringMap,
        ),
      ],
    },
    {
      title: 'Console',
      params: [
        param('console.enabled', 'Serve the web console (CONSOLE_DIR) from the image', true, bool),
        param(
          'console.dir',
          "The console's built files inside the image",
          '/app/console',
          str({ pattern: '^/.+' }),
        ),
      ],
    },
    {
      title: 'Signing key and single sign-on (Secrets by reference)',
      params: [
        param(
          'signingKey.existingSecret',
          "Secret with the gateway's ES256 signing key (PKCS8 PEM): GATEWAY_SIGNING_KEY_FILE",
          'ecogate-gateway-signing-key',
          str({ minLength: 1 }),
        ),
        param(
          'signingKey.key',
          'Key of the private key in that Secret',
          'signing-key.pem',
          str({ minLength: 1 }),
        ),
        param(
          'signingKey.previousPublicKey',
          "Key (same Secret) of the previous key's public half (SPKI PEM) during a rotation; empty: none",
          '',
          str(),
        ),
        param(
          'oidc.existingSecret',
          'Secret with the keys GATEWAY_OIDC_CLIENT_SECRET and GATEWAY_OIDC_TRANSACTION_KEY (at least 32 characters), with `config.GATEWAY_OIDC_ISSUER`',
          '',
          str(),
        ),
        param(
          'oidc.network.peers',
          "NetworkPolicy peers of the city's identity provider; empty: any address on the ports below",
          [],
          objectList,
        ),
        param('oidc.network.ports', 'TCP ports of the identity provider', [443], {
          type: 'array',
          minItems: 1,
          items: int({ minimum: 1, maximum: 65535 }),
        }),
      ],
    },
    configSection(
      [
        param(
          'config.GATEWAY_TRUSTED_PROXY_HOPS',
          'GATEWAY_TRUSTED_PROXY_HOPS: proxies in front whose X-Forwarded-For is believed (the ingress controller: 1)',
          1,
          int({ minimum: 0, maximum: 5 }),
        ),
      ],
      [
        extra('config.GATEWAY_SIGNING_KEY_ID', 'GATEWAY_SIGNING_KEY_ID (default gateway-1)', keyId),
        extra('config.GATEWAY_PREVIOUS_SIGNING_KEY_ID', 'GATEWAY_PREVIOUS_SIGNING_KEY_ID', keyId),
        extra('config.GATEWAY_MAX_FAILED_LOGINS', 'GATEWAY_MAX_FAILED_LOGINS (default 5)', positive),
        extra('config.GATEWAY_LOCKOUT_SECONDS', 'GATEWAY_LOCKOUT_SECONDS (default 900)', positive),
        extra('config.GATEWAY_PASSWORD_MAX_AGE_DAYS', 'GATEWAY_PASSWORD_MAX_AGE_DAYS (default 90)', positive),
        extra(
          'config.GATEWAY_TOTP_REQUIRED_ROLES',
          'GATEWAY_TOTP_REQUIRED_ROLES, e.g. `city-admin,city-operator`',
          commaList,
        ),
        extra('config.GATEWAY_SESSION_IDLE_SECONDS', 'GATEWAY_SESSION_IDLE_SECONDS (default 1800)', positive),
        extra(
          'config.GATEWAY_SESSION_ABSOLUTE_SECONDS',
          'GATEWAY_SESSION_ABSOLUTE_SECONDS (default 43200)',
          positive,
        ),
        extra(
          'config.GATEWAY_ACCESS_TOKEN_SECONDS',
          'GATEWAY_ACCESS_TOKEN_SECONDS (10-300, default 300)',
          int({ minimum: 10, maximum: 300 }),
        ),
        extra('config.GATEWAY_SECURE_COOKIES', 'GATEWAY_SECURE_COOKIES (default true; https only)', flag),
        extra('config.GATEWAY_CORS_ORIGINS', 'GATEWAY_CORS_ORIGINS (default none)', commaList),
        extra(
          'config.GATEWAY_AUDIT_RETENTION_DAYS',
          'GATEWAY_AUDIT_RETENTION_DAYS (at least 180, default 180)',
          int({ minimum: 180 }),
        ),
        extra(
          'config.GATEWAY_LOGIN_RATE_PER_MINUTE',
          'GATEWAY_LOGIN_RATE_PER_MINUTE per replica (default 20)',
          positive,
        ),
        extra(
          'config.GATEWAY_API_KEY_RATE_PER_SECOND',
          'GATEWAY_API_KEY_RATE_PER_SECOND per replica (default 20)',
          positive,
        ),
        extra(
          'config.GATEWAY_PROXY_MAX_BODY_BYTES',
          'GATEWAY_PROXY_MAX_BODY_BYTES (default 64 MiB)',
          positive,
        ),
        extra('config.GATEWAY_OUTBOX_POLL_MS', 'GATEWAY_OUTBOX_POLL_MS (default 200)', positive),
        extra(
          'config.GATEWAY_LIVE_MAX_STREAMS_PER_ENTERPRISE',
          'GATEWAY_LIVE_MAX_STREAMS_PER_ENTERPRISE per replica (default 50)',
          positive,
        ),
        extra(
          'config.GATEWAY_LIVE_MAX_STREAMS',
          'GATEWAY_LIVE_MAX_STREAMS per replica (default 2000)',
          positive,
        ),
        extra(
          'config.CONSOLE_IMG_SRC',
          "CONSOLE_IMG_SRC: origins of the object store's presigned links",
          commaList,
        ),
        extra(
          'config.GATEWAY_OIDC_ISSUER',
          'GATEWAY_OIDC_ISSUER: single sign-on on when set (https)',
          httpUrl,
        ),
        extra('config.GATEWAY_OIDC_CLIENT_ID', 'GATEWAY_OIDC_CLIENT_ID', text),
        extra(
          'config.GATEWAY_OIDC_REDIRECT_URI',
          'GATEWAY_OIDC_REDIRECT_URI: `https://<host>/auth/oidc/callback`',
          httpUrl,
        ),
        extra('config.GATEWAY_OIDC_SCOPES', 'GATEWAY_OIDC_SCOPES (default `openid profile`)', text),
        extra('config.GATEWAY_OIDC_ROLE_MAP', 'GATEWAY_OIDC_ROLE_MAP: JSON list of role rules', text),
        extra(
          'config.GATEWAY_OIDC_USERNAME_CLAIM',
          'GATEWAY_OIDC_USERNAME_CLAIM (default preferred_username)',
          text,
        ),
        extra(
          'config.GATEWAY_OIDC_DISPLAY_NAME_CLAIM',
          'GATEWAY_OIDC_DISPLAY_NAME_CLAIM (default name)',
          text,
        ),
        extra(
          'config.GATEWAY_OIDC_TRANSACTION_TTL_S',
          'GATEWAY_OIDC_TRANSACTION_TTL_S (60-3600, default 600)',
          int({ minimum: 60, maximum: 3600 }),
        ),
      ],
    ),
  ],
);
