import { randomUUID } from 'node:crypto';
import { EnvelopeError, parseEnvelope, validatePayload } from './envelope';
import { topicNames, topicVersion } from './topic-map';

const statusPayload = {
  cameraId: 'cam-1',
  enterpriseId: 'ent-1',
  status: 'offline',
  reason: 'no answer for 30 s',
  at: '2026-11-28T08:00:00.000Z',
};

const envelope = (overrides: Record<string, unknown> = {}) => ({
  eventId: randomUUID(),
  type: 'camera.status.changed.v1',
  version: 1,
  occurredAt: '2026-11-28T08:00:00.000Z',
  enterpriseId: 'ent-1',
  correlationId: 'c-1',
  payload: statusPayload,
  ...overrides,
});

const codeOf = (work: () => unknown): string | undefined => {
  try {
    work();
    return undefined;
  } catch (error) {
    return error instanceof EnvelopeError ? error.code : 'other';
  }
};

describe('parseEnvelope', () => {
  it('accepts a valid event and returns its typed payload', () => {
    const parsed = parseEnvelope('camera.status.changed.v1', envelope());
    expect(parsed.payload.status).toBe('offline');
  });

  it.each([
    ['a missing event id', { eventId: undefined }, 'bad-envelope'],
    ['a non-uuid event id', { eventId: 'e1' }, 'bad-envelope'],
    ['an enterprise id with a slash', { enterpriseId: 'a/b' }, 'bad-envelope'],
    ['another topic’s type', { type: 'anpr.plate.read.v1' }, 'wrong-topic'],
    ['another version', { version: 2 }, 'wrong-topic'],
    ['a payload of the wrong shape', { payload: { ...statusPayload, status: 'asleep' } }, 'bad-payload'],
  ])('rejects %s', (_case, overrides, code) => {
    expect(codeOf(() => parseEnvelope('camera.status.changed.v1', envelope(overrides)))).toBe(code);
  });
});

describe('validatePayload', () => {
  it('refuses to publish a payload that breaks its schema', () => {
    expect(codeOf(() => validatePayload('camera.status.changed.v1', { cameraId: 'x' }))).toBe('bad-payload');
  });
});

describe('topic map', () => {
  it('names every topic <context>.<entity>.<event>.v<N>', () => {
    for (const topic of topicNames) {
      // A context may be two words, as entities and events are (`loading-area.vehicle.seen.v1`).
      expect(topic).toMatch(/^[a-z][a-z-]*\.[a-z-]+\.[a-z-]+\.v\d+$/);
      expect(topicVersion(topic)).toBeGreaterThan(0);
    }
  });
});
