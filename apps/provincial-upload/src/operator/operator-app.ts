import { createVerifier, type TokenVerifierOptions, usePolicy, POLICY, withPolicy } from '@ecogate/auth';
import { CodedErrorFilter, serveOpenApi } from '@ecogate/http-edge';
import { correlationMiddleware, type Logger } from '@ecogate/telemetry';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { UPLOAD_ERROR_STATUS } from '../errors/upload.exception';
import { type OperatorDependencies, OperatorModule } from './operator.module';
import { uploadOpenApi } from './upload.openapi';

/**
 * The operator API (not yet listening): error mapping, the policy guard on every route, the
 * OpenAPI document. The service and the specs build it here, so no test runs it unguarded.
 */
export async function createOperatorApp(
  deps: OperatorDependencies,
  auth: TokenVerifierOptions,
  logger: Logger,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    OperatorModule.register(deps),
    // Throw a failed start to the caller (runService logs it; a test sees it) instead of Nest exiting the process.
    { logger: false, abortOnError: false },
  );
  app.use(correlationMiddleware);
  app.useGlobalFilters(
    new CodedErrorFilter(logger.child({ component: 'operator-api' }), UPLOAD_ERROR_STATUS),
  );
  usePolicy(app, 'provincial-upload', createVerifier(auth), logger);
  serveOpenApi(app, withPolicy(uploadOpenApi, POLICY['provincial-upload']));
  return app;
}
