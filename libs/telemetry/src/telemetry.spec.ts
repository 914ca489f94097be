import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { trace } from '@opentelemetry/api';
import { createLogger } from './logger';
import { meter, startTelemetry, type Telemetry } from './telemetry';

const freePort = () =>
  new Promise<number>((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });

describe('startTelemetry', () => {
  let telemetry: Telemetry;

  beforeAll(async () => {
    telemetry = await startTelemetry({
      serviceName: 'test-service',
      metrics: { host: '127.0.0.1', port: await freePort() },
    });
  });

  afterAll(() => telemetry.shutdown());

  it('serves metrics recorded through the OpenTelemetry API in Prometheus format', async () => {
    meter('gate')
      .createCounter('barrier_commands', { description: 'Barrier commands sent' })
      .add(3, { lane: 'L1' });
    const body = await (await fetch(telemetry.metricsUrl!)).text();
    expect(body).toMatch(/barrier_commands(_total)?\{[^}]*lane="L1"[^}]*\} 3/);
  });

  it('gives spans real trace ids that log lines carry', () => {
    const lines: string[] = [];
    const logger = createLogger({
      service: 's',
      destination: new Writable({ write: (c: Buffer, _e, done) => (lines.push(c.toString()), done()) }),
    });
    const span = trace.getTracer('test').startSpan('work');
    const { traceId } = span.spanContext();
    trace.getTracer('test').startActiveSpan('inner', (inner) => {
      logger.info('inside');
      inner.end();
    });
    span.end();
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(traceId).not.toBe('0'.repeat(32));
    expect(JSON.parse(lines[0]!)).toHaveProperty('traceId', expect.stringMatching(/^[0-9a-f]{32}$/));
  });
});
