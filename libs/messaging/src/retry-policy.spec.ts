import { describeFailure, FatalError, RetriableError } from './errors';
import { backoffDelay } from './retry-policy';

describe('backoffDelay', () => {
  const policy = { maxAttempts: 6, initialDelayMs: 100, maxDelayMs: 1_000 };

  it.each([
    [1, 0, 50],
    [1, 1, 100],
    [2, 0, 100],
    [3, 1, 400],
    [5, 1, 1_000],
    [9, 0.5, 750],
  ])('attempt %i with random %d waits %i ms', (attempt, random, expected) => {
    expect(backoffDelay(policy, attempt, () => random)).toBe(expected);
  });
});

describe('describeFailure', () => {
  it.each([
    [new FatalError('bad-plate', 'unparseable'), { code: 'bad-plate', retriable: false }],
    [new RetriableError('db-down', 'connection refused'), { code: 'db-down', retriable: true }],
    [Object.assign(new Error('reset'), { code: 'ECONNRESET' }), { code: 'ECONNRESET', retriable: true }],
    [new Error('boom'), { code: 'unhandled-error', retriable: true }],
    ['a string', { code: 'unhandled-error', retriable: true, message: 'a string' }],
  ])('classifies %p', (error, expected) => {
    expect(describeFailure(error)).toMatchObject(expected);
  });
});
