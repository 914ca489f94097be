import { verify } from '../signing/sign';
import { signFrame } from './sign-frame';
import { clientFrameSchema, serverFrameSchema } from './tcp-message.schema';

describe('signFrame', () => {
  it('signs the exact body text it carries, and the frame validates', () => {
    const frame = signFrame({
      type: 'login',
      seq: 1,
      appId: 'demo-app',
      secret: 'demo-secret',
      method: 'HMAC-SHA256',
      body: { enterpriseCode: '91130200699229617X001P' },
      nowMs: 1_700_000_000_000,
      nonce: '3f2a9c1e5b7d4f60',
    });
    expect(clientFrameSchema.parse(frame)).toEqual(frame);
    expect(frame.body).toBe('{"enterpriseCode":"91130200699229617X001P"}');
    expect(verify('HMAC-SHA256', 'demo-secret', { ...frame, body: frame.body }, frame.signature)).toBe(true);
  });
});

describe('serverFrameSchema', () => {
  it('reads acks and errors', () => {
    expect(
      serverFrameSchema.parse({ type: 'ack', seq: 3, code: 0, acks: [{ serial: 'a', status: 'accepted' }] })
        .type,
    ).toBe('ack');
    expect(
      serverFrameSchema.parse({
        type: 'error',
        code: 4290,
        error: 'rate-limited',
        message: 'slow down',
        retryAfterSeconds: 2,
      }),
    ).toMatchObject({ type: 'error', retryAfterSeconds: 2 });
  });
});
