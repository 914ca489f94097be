import { Writable } from 'node:stream';
import { createLogger } from './logger';
import { withCorrelationId } from './correlation';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger({ service: 'ledger', destination }) };
}

describe('createLogger', () => {
  it('writes JSON lines with the service, level name and current correlation id', () => {
    const { lines, logger } = capture();
    withCorrelationId('corr-1', () => logger.info({ plate: '冀A12345' }, 'passage recorded'));
    expect(lines[0]).toMatchObject({
      service: 'ledger',
      level: 'info',
      correlationId: 'corr-1',
      plate: '冀A12345',
      msg: 'passage recorded',
    });
  });

  it('redacts credentials wherever they appear', () => {
    const { lines, logger } = capture();
    logger.info({
      password: 'p1',
      camera: { secret: 's1', host: '10.0.0.5' },
      req: { headers: { authorization: 'Basic x' } },
    });
    const line = JSON.stringify(lines[0]);
    expect(line).not.toMatch(/p1|s1|Basic x/);
    expect(lines[0]).toMatchObject({
      password: '[redacted]',
      camera: { secret: '[redacted]', host: '10.0.0.5' },
    });
  });
});
