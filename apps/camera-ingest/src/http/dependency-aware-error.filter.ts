import { randomUUID } from 'node:crypto';
import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { CodedErrorFilter } from '@ecogate/http-edge';
import { isDependencyUnavailable } from '@ecogate/messaging';
import { type Logger } from '@ecogate/telemetry';

/** Seconds a camera is asked to wait while the database, storage or broker is away. */
export const DEPENDENCY_RETRY_AFTER_SECONDS = 5;

interface JsonResponse {
  headersSent?: boolean;
  setHeader(name: string, value: string): unknown;
  status(code: number): { json(body: unknown): unknown };
}

/**
 * `CodedErrorFilter`, plus: a coded refusal that names a wait (`retryAfterSeconds`) sends it as
 * `Retry-After`; and an error that says a dependency is unavailable (Postgres refusing
 * connections, MinIO or Kafka away; the messaging lib's classifier) is a 503 with `Retry-After`,
 * not a 500, so cameras retry the push instead of dropping it.
 */
@Catch()
export class DependencyAwareErrorFilter implements ExceptionFilter {
  private readonly coded: CodedErrorFilter;

  constructor(
    private readonly log: Logger,
    private readonly statusByCode: Readonly<Record<string, number>>,
  ) {
    this.coded = new CodedErrorFilter(log, statusByCode);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const code = (exception as { code?: unknown } | null)?.code;
    const mapped = typeof code === 'string' && Object.prototype.hasOwnProperty.call(this.statusByCode, code);
    const response = host.switchToHttp().getResponse<JsonResponse>();
    if (mapped || !isDependencyUnavailable(exception)) {
      const wait = (exception as { retryAfterSeconds?: unknown }).retryAfterSeconds;
      if (mapped && typeof wait === 'number') response.setHeader('Retry-After', String(wait));
      return this.coded.catch(exception, host);
    }
    const errorId = randomUUID();
    this.log.warn({ err: exception, errorId }, 'dependency unavailable: asked the caller to retry');
    response.setHeader('Retry-After', String(DEPENDENCY_RETRY_AFTER_SECONDS));
    response
      .status(503)
      .json({ code: 'dependency-unavailable', reason: 'a dependency is unavailable; retry', errorId });
  }
}
