import { type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { createVerifier, type TokenVerifierOptions, usePolicy, POLICY, withPolicy } from '@ecogate/auth';
import { serveOpenApi } from '@ecogate/http-edge';
import { correlationMiddleware, type Logger, NestPinoLogger } from '@ecogate/telemetry';
import { AppModule, type AppOverrides } from './app.module';
import { type CameraIngestConfig } from './config/camera-ingest.config';
import { ApiHttpModule } from './http/api-http.module';
import { cameraIngestApiOpenApi, cameraIngestPushOpenApi } from './http/camera-ingest.openapi';
import { PushHttpModule } from './http/push-http.module';

export interface CameraIngestInputs extends AppOverrides {
  /** How callers' bearer tokens are verified (`verifierOptions(config.auth)`; a test's `TestIssuer`). */
  readonly verifier: TokenVerifierOptions;
}

/** camera-ingest built, not yet listening: one core and its two HTTP listeners. */
export interface CameraIngestApps {
  /** The services (storage, registry, ingestion, ONVIF supervision), started once. */
  readonly core: INestApplicationContext;
  /** `HTTP_PORT`: camera pushes and health. */
  readonly push: NestExpressApplication;
  /** `API_HTTP_PORT`: the registry and ONVIF media, behind the policy guard. */
  readonly api: NestExpressApplication;
  close(): Promise<void>;
}

export interface RunningCameraIngest {
  readonly apps: CameraIngestApps;
  readonly pushUrl: string;
  readonly apiUrl: string;
  close(): Promise<void>;
}

/** Builds camera-ingest (nothing listens yet): used by `startCameraIngest` and the OpenAPI spec. */
export async function createApps(
  config: CameraIngestConfig,
  logger: Logger,
  inputs: CameraIngestInputs,
): Promise<CameraIngestApps> {
  const nestLogger = new NestPinoLogger(logger.child({ component: 'nest' }));
  // Throw a failed start to the caller (runService logs it; a test sees it) instead of Nest exiting the process.
  const core = await NestFactory.createApplicationContext(AppModule.register(config, logger, inputs), {
    logger: nestLogger,
    abortOnError: false,
  });
  const verifier = createVerifier(inputs.verifier);
  const listener = async (module: Parameters<typeof NestFactory.create>[0]) => {
    // No global body parser: push bodies are read by the push controller after authentication.
    const app = await NestFactory.create<NestExpressApplication>(module, {
      logger: nestLogger,
      abortOnError: false,
      bodyParser: false,
    });
    app.use(correlationMiddleware);
    // Deny by default on both listeners: a route without a rule in POLICY is refused.
    usePolicy(app, 'camera-ingest', verifier, logger);
    return app;
  };
  const built: NestExpressApplication[] = [];
  try {
    const push = await listener(PushHttpModule.register(core, logger));
    built.push(push);
    serveOpenApi(push, withPolicy(cameraIngestPushOpenApi, POLICY['camera-ingest']));
    const api = await listener(ApiHttpModule.register(core, logger));
    built.push(api);
    // Nest's own express parser: express is @nestjs/platform-express's dependency, not ours.
    api.useBodyParser('json', { limit: '64kb' });
    serveOpenApi(api, withPolicy(cameraIngestApiOpenApi, POLICY['camera-ingest']));
    return {
      core,
      push,
      api,
      async close() {
        await push.close();
        await api.close();
        await core.close();
      },
    };
  } catch (error) {
    for (const app of built) await app.close();
    await core.close();
    throw error;
  }
}

/** Builds camera-ingest and listens on `HTTP_PORT` (pushes) and `API_HTTP_PORT` (registry, media). */
export async function startCameraIngest(
  config: CameraIngestConfig,
  logger: Logger,
  inputs: CameraIngestInputs,
): Promise<RunningCameraIngest> {
  const apps = await createApps(config, logger, inputs);
  try {
    await apps.push.listen(config.http.port, config.http.host);
    await apps.api.listen(config.api.port, config.api.host);
  } catch (error) {
    await apps.close();
    throw error;
  }
  const url = async (app: NestExpressApplication) => (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { apps, pushUrl: await url(apps.push), apiUrl: await url(apps.api), close: () => apps.close() };
}
