import {
  classifyFailure,
  DependencyUnavailableError,
  isDependencyUnavailable,
} from './dependency-unavailable';
import { describeFailure, FatalError, RetriableError } from './errors';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDependencyUnavailable', () => {
  it.each([
    ['our own error', new DependencyUnavailableError('db-down', 'db down')],
    ['pg: connection refused', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['pg: reset', withCode('ECONNRESET')],
    ['pg: admin shutdown 57P01', withCode('57P01', 'terminating connection due to administrator command')],
    ['pg: cannot connect now 57P03', withCode('57P03')],
    ['pg: connection failure 08006', withCode('08006')],
    ['pg: connection terminated', new Error('Connection terminated unexpectedly')],
    ['pg pool: connect timeout', new Error('timeout exceeded when trying to connect')],
    [
      'TypeORM QueryFailedError with the driver error inside',
      Object.assign(new Error('Connection terminated'), {
        name: 'QueryFailedError',
        driverError: withCode('57P01'),
      }),
    ],
    [
      'localhost AggregateError',
      Object.assign(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], ''), {
        code: 'ECONNREFUSED',
      }),
    ],
    ['fetch failed (undici)', new TypeError('fetch failed', { cause: withCode('UND_ERR_CONNECT_TIMEOUT') })],
    [
      'fetch timeout',
      Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }),
    ],
    ['503 from a service', Object.assign(new Error('Service Unavailable'), { status: 503 })],
    ['S3 503', Object.assign(new Error('SlowDown'), { name: 'S3Error', code: 'SlowDown', amzStatus: 503 })],
    [
      'storage lib',
      Object.assign(new Error('minio down'), {
        name: 'StorageUnavailableError',
        code: 'storage-unavailable',
      }),
    ],
    [
      'RetriableError wrapping storage',
      new RetriableError('storage-unavailable', 'reading snapshot: ECONNREFUSED'),
    ],
    [
      'RetriableError whose cause is a reset',
      new RetriableError('x', 'y', { cause: withCode('ECONNRESET') }),
    ],
    ['kafkajs connection', Object.assign(new Error('Connection error'), { name: 'KafkaJSConnectionError' })],
    [
      'kafkajs retriable protocol error',
      Object.assign(new Error('leader not available'), { name: 'KafkaJSProtocolError', retriable: true }),
    ],
  ])('%s: unavailable', (_label, error) => {
    expect(isDependencyUnavailable(error)).toBe(true);
  });

  it.each([
    ['unique violation', withCode('23505', 'duplicate key value violates unique constraint')],
    ['bad input', withCode('22P02', 'invalid input syntax')],
    ['plain error', new Error('boom')],
    ['404', Object.assign(new Error('not found'), { status: 404 })],
    ['a string', 'ECONNREFUSED'],
    ['null', null],
    [
      'a cycle',
      (() => {
        const e = new Error('cycle') as Error & { cause?: unknown };
        e.cause = e;
        return e;
      })(),
    ],
  ])('%s: not unavailable', (_label, error) => {
    expect(isDependencyUnavailable(error)).toBe(false);
  });
});

describe('classifyFailure', () => {
  it('lets FatalError win over a dependency cause', () => {
    expect(classifyFailure(new FatalError('bad', 'bad', { cause: withCode('ECONNREFUSED') }))).toBe('fatal');
  });
  it('waits for dependencies and retries the rest a bounded number of times', () => {
    expect(classifyFailure(withCode('ECONNREFUSED'))).toBe('dependency-unavailable');
    expect(classifyFailure(new Error('boom'))).toBe('retriable');
  });
});

describe('describeFailure', () => {
  it('never says [object Object]', () => {
    const nestFlattened = { status: 'error', message: 'Internal server error' };
    const cause = describeFailure(nestFlattened);
    expect(cause.message).not.toContain('[object Object]');
    expect(cause.message).toContain('Internal server error');
    expect(cause).toMatchObject({ name: 'object', code: 'unhandled-error', retriable: true });
  });

  it('keeps name, code, the first stack lines and the root cause', () => {
    const driver = withCode('57P01', 'terminating connection due to administrator command');
    const error = Object.assign(new Error('query failed'), { name: 'QueryFailedError', driverError: driver });
    const cause = describeFailure(error);
    expect(cause).toMatchObject({
      name: 'QueryFailedError',
      message: 'query failed',
      cause: { code: '57P01', message: 'terminating connection due to administrator command' },
    });
    expect(cause.stack?.split('\n').length).toBeLessThanOrEqual(6);
    expect(JSON.parse(JSON.stringify(cause))).toEqual(cause);
  });

  it('gives the members of an AggregateError with an empty message', () => {
    const error = new AggregateError(
      [new Error('connect ECONNREFUSED ::1:5432'), new Error('connect ECONNREFUSED 127.0.0.1:5432')],
      '',
    );
    expect(describeFailure(error).message).toContain('ECONNREFUSED 127.0.0.1:5432');
  });
});
