import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ServiceName, TestIssuer } from '@ecogate/auth';
import { createTemporaryDatabase, type TemporaryDatabase } from '@ecogate/persistence';
import { freePort, type InfraEnv, kafkaServiceEnv } from '@ecogate/testing';
import { type Service } from '../src/services';

/** The services that sign their calls to other services (ADR 0009). */
const CALLERS: readonly ServiceName[] = ['camera-ingest', 'barrier-control', 'video-archive'];

/** Each service's database (plate-recognition has none). */
const WITH_DATABASE: readonly Service[] = [
  'gateway',
  'camera-ingest',
  'barrier-control',
  'ledger',
  'video-archive',
  'provincial-upload',
];

export const hasDatabase = (service: Service): boolean => WITH_DATABASE.includes(service);

export interface ServicePorts {
  readonly http: number;
  readonly metrics: number;
  /** The gateway's internal listener, camera-ingest's API listener. */
  readonly second: number;
}

/**
 * The cluster profile as a pod gets it (the chart's environment), on the local infrastructure of
 * `npm run infra:up`: Kafka over SASL_SSL (as admin, under a topic prefix of this run), MinIO, a
 * database of its own per service, keys and files in a work folder. Optional peers (the ledger for
 * barrier-control, barrier-control for camera-ingest, camera-ingest for video-archive) are left
 * out: each service starts alone, and its start is what is measured.
 */
export class BenchEnvironment {
  private readonly databases = new Map<Service, TemporaryDatabase>();

  private constructor(
    private readonly infra: InfraEnv,
    private readonly workDir: string,
    private readonly issuer: TestIssuer,
    private readonly topicPrefix: string,
  ) {}

  static async create(
    infra: InfraEnv,
    workDir: string,
    services: readonly Service[],
  ): Promise<BenchEnvironment> {
    const issuer = await TestIssuer.start(CALLERS);
    const env = new BenchEnvironment(infra, workDir, issuer, `bench-${randomBytes(3).toString('hex')}.`);
    try {
      await env.writeFiles();
      for (const service of services.filter(hasDatabase))
        env.databases.set(
          service,
          await createTemporaryDatabase(infra.DATABASE_URL, `bench_${service.replace(/-/g, '_')}`),
        );
    } catch (error) {
      await env.close();
      throw error;
    }
    return env;
  }

  async ports(): Promise<ServicePorts> {
    return { http: await freePort(), metrics: await freePort(), second: await freePort() };
  }

  /** `consoleDir`: the console the gateway serves (the build's copy, or Vite's output for tsx). */
  env(service: Service, ports: ServicePorts, consoleDir: string, modelDir: string): Record<string, string> {
    const database = this.databases.get(service);
    const common: Record<string, string> = {
      LOG_LEVEL: 'info',
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(ports.http),
      METRICS_HOST: '127.0.0.1',
      METRICS_PORT: String(ports.metrics),
      ...kafkaServiceEnv(this.infra),
      KAFKA_TOPIC_PREFIX: this.topicPrefix,
      S3_ENDPOINT: this.infra.S3_ENDPOINT,
      S3_ACCESS_KEY: this.infra.S3_ACCESS_KEY,
      S3_SECRET_KEY: this.infra.S3_SECRET_KEY,
      AUTH_JWKS_URL: this.issuer.jwksUrl,
      AUTH_SERVICE_KEYS_FILE: this.file('service-keys.json'),
      TMPDIR: this.file('tmp'),
      ...(database ? { DATABASE_URL: database.url } : {}),
      ...((CALLERS as readonly string[]).includes(service)
        ? { SERVICE_SIGNING_KEY_FILE: this.file(`${service}.pem`) }
        : {}),
    };
    switch (service) {
      case 'gateway':
        return {
          ...common,
          INTERNAL_HTTP_HOST: '127.0.0.1',
          INTERNAL_HTTP_PORT: String(ports.second),
          GATEWAY_SIGNING_KEY_FILE: this.file('gateway-signing-key.pem'),
          GATEWAY_SECURE_COOKIES: 'false',
          CONSOLE_DIR: consoleDir,
        };
      case 'camera-ingest':
        return {
          ...common,
          API_HTTP_HOST: '127.0.0.1',
          API_HTTP_PORT: String(ports.second),
          DEVICE_CREDENTIALS_KEY: randomBytes(32).toString('base64'),
        };
      case 'plate-recognition':
        // One worker per pod: a city scales plate-recognition by pods (HPA), each one core.
        return { ...common, LPR_MODEL_DIR: modelDir, LPR_WORKERS: '1' };
      case 'barrier-control':
        return { ...common, BARRIER_GATES_FILE: this.file('gates.json') };
      case 'ledger':
        return common;
      case 'video-archive':
        return {
          ...common,
          VIDEO_CAMERAS_FILE: this.file('cameras.json'),
          VIDEO_SPOOL_DIR: this.file('tmp', 'video-spool'),
        };
      case 'provincial-upload':
        return {
          ...common,
          // Nothing listens there: the heartbeat fails and retries, which a start must survive.
          PLATFORM_URL: 'http://127.0.0.1:9/platform',
          PLATFORM_APP_ID: 'ecogate-bench',
          PLATFORM_SECRET: randomBytes(16).toString('hex'),
        };
    }
  }

  async close(): Promise<void> {
    for (const database of this.databases.values()) await database.drop().catch(() => undefined);
    await this.issuer.close();
  }

  private file(...parts: string[]): string {
    return join(this.workDir, ...parts);
  }

  private async writeFiles(): Promise<void> {
    await mkdir(this.file('tmp'), { recursive: true });
    await writeFile(this.file('service-keys.json'), JSON.stringify(this.issuer.serviceKeys));
    for (const name of CALLERS) await writeFile(this.file(`${name}.pem`), this.issuer.servicePem(name));
    const gatewayKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    await writeFile(
      this.file('gateway-signing-key.pem'),
      gatewayKey.export({ type: 'pkcs8', format: 'pem' }),
    );
    await writeFile(this.file('gates.json'), JSON.stringify({ enterprises: [] }));
    await writeFile(this.file('cameras.json'), JSON.stringify({ cameras: [] }));
  }
}
