import { type ArgumentsHost } from '@nestjs/common';
import { createLogger } from '@ecogate/telemetry';
import { IngestException, HTTP_STATUS_OF } from '../push/ingest.exception';
import { DependencyAwareErrorFilter } from './dependency-aware-error.filter';

function answer(exception: unknown) {
  const sent: { status?: number; body?: unknown; headers: Record<string, string> } = { headers: {} };
  const response = {
    setHeader: (name: string, value: string) => void (sent.headers[name] = value),
    status: (status: number) => ({ json: (body: unknown) => Object.assign(sent, { status, body }) }),
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new DependencyAwareErrorFilter(
    createLogger({ service: 'filter-spec', level: 'silent' }),
    HTTP_STATUS_OF,
  ).catch(exception, host);
  return sent;
}

describe('DependencyAwareErrorFilter', () => {
  it.each([
    [
      'Postgres refusing connections',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['Kafka away', Object.assign(new Error('Connection error'), { name: 'KafkaJSConnectionError' })],
  ])('answers 503 with Retry-After for %s, not 500', (_label, error) => {
    const sent = answer(error);
    expect(sent.status).toBe(503);
    expect(sent.headers['Retry-After']).toBe('5');
    expect(sent.body).toMatchObject({ code: 'dependency-unavailable' });
  });

  it("sends a coded refusal's wait as Retry-After", () => {
    const sent = answer(new IngestException('analysis-busy', 'busy', { retryAfterSeconds: 5 }));
    expect(sent.status).toBe(503);
    expect(sent.headers['Retry-After']).toBe('5');
    expect(sent.body).toMatchObject({ code: 'analysis-busy' });
  });

  it('leaves coded refusals and unexpected errors to the usual mapping', () => {
    expect(answer(new IngestException('malformed-payload', 'bad')).status).toBe(400);
    expect(answer(new Error('bug')).status).toBe(500);
  });
});
