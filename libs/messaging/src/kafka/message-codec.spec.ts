import { withCorrelationId } from '@ecogate/telemetry';
import { buildEnvelope, envelopeHeaders, headersToStrings } from './message-codec';

const payload = {
  cameraId: 'cam-1',
  enterpriseId: 'ent-1',
  status: 'recovered' as const,
  reason: 'answers again',
  at: '2026-11-28T08:00:00.000Z',
};

describe('buildEnvelope', () => {
  it('takes the current correlation id and stamps type, version and time', () => {
    const envelope = withCorrelationId('corr-7', () =>
      buildEnvelope('camera.status.changed.v1', {
        enterpriseId: 'ent-1',
        key: 'cam-1',
        payload,
        occurredAt: new Date('2026-11-28T08:00:01Z'),
      }),
    );
    expect(envelope).toMatchObject({
      type: 'camera.status.changed.v1',
      version: 1,
      correlationId: 'corr-7',
      occurredAt: '2026-11-28T08:00:01.000Z',
      enterpriseId: 'ent-1',
      payload,
    });
    expect(envelope.eventId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps a caller-chosen event id, so retries of one fact are one event', () => {
    const eventId = '1b4e28ba-2fa1-11d2-883f-0016d3cca427';
    expect(
      buildEnvelope('camera.status.changed.v1', { enterpriseId: 'e', key: 'k', payload, eventId }).eventId,
    ).toBe(eventId);
  });

  it('refuses a payload that breaks the topic schema', () => {
    expect(() =>
      buildEnvelope('camera.status.changed.v1', {
        enterpriseId: 'e',
        key: 'k',
        payload: { ...payload, status: 'sleeping' as never },
      }),
    ).toThrow(/bad|Invalid/i);
  });

  it('mirrors the envelope identity in headers', () => {
    const envelope = buildEnvelope('camera.status.changed.v1', {
      enterpriseId: 'ent-1',
      key: 'k',
      payload,
      correlationId: 'c',
    });
    expect(headersToStrings(envelopeHeaders(envelope))).toMatchObject({
      'ecogate-event-id': envelope.eventId,
      'ecogate-event-type': 'camera.status.changed.v1',
      'ecogate-enterprise-id': 'ent-1',
      'x-correlation-id': 'c',
    });
  });
});
