import { Writable } from 'node:stream';
import { createLogger } from './logger';
import { REDACTED, redactKnown, redactText, redactValue } from './redact';

describe('redactText', () => {
  it.each([
    ['rtsp://admin:Cam-Pass-1@10.0.0.5:554/main', `rtsp://admin:${REDACTED}@10.0.0.5:554/main`],
    ['rtsp://admin:p@ss@10.0.0.5/x failed', `rtsp://admin:${REDACTED}@10.0.0.5/x failed`],
    [
      'connect postgres://ecogate:Db-Pass-9@127.0.0.1:15432/ecogate refused',
      `connect postgres://ecogate:${REDACTED}@127.0.0.1:15432/ecogate refused`,
    ],
    [
      'http://127.0.0.1:19000/b/k.ts?X-Amz-Algorithm=AWS4&X-Amz-Credential=AKIA%2F2024&X-Amz-Signature=abcdef&x=1',
      `http://127.0.0.1:19000/b/k.ts?X-Amz-Algorithm=AWS4&X-Amz-Credential=${REDACTED}&X-Amz-Signature=${REDACTED}&x=1`,
    ],
    ['https://h/cb?token=t0k3n', `https://h/cb?token=${REDACTED}`],
    ['POST /push/vzenith/cam-1/Push-Secret-77', `POST /push/vzenith/cam-1/${REDACTED}`],
    ['POST /push/vzenith/cam-1 (header secret)', 'POST /push/vzenith/cam-1 (header secret)'],
    ['Authorization: Digest username="admin", response="x"', `Authorization: ${REDACTED}`],
    ['x-ecogate-device-secret: S3cr3t', `x-ecogate-device-secret: ${REDACTED}`],
    ['rtsp://10.0.0.5:554/main (no login)', 'rtsp://10.0.0.5:554/main (no login)'],
    ['plate 冀A12345 at lane n-in', 'plate 冀A12345 at lane n-in'],
  ])('%s', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });
});

describe('redactKnown and redactValue', () => {
  it('replaces known values of 4 characters or more', () => {
    expect(redactKnown('pass Cam-Pass-1 decoded', ['Cam-Pass-1', 'ab', undefined])).toBe(
      `pass ${REDACTED} decoded`,
    );
  });

  it('redacts strings deep in plain objects and leaves the input untouched', () => {
    const input = { a: { url: 'rtsp://u:pw12@h/x', n: 1 }, list: ['ok', '/push/dahua/d/sec'] };
    expect(redactValue(input)).toEqual({
      a: { url: `rtsp://u:${REDACTED}@h/x`, n: 1 },
      list: ['ok', `/push/dahua/d/${REDACTED}`],
    });
    expect(input.a.url).toBe('rtsp://u:pw12@h/x');
    const clean = { a: { b: 'nothing here' } };
    expect(redactValue(clean)).toBe(clean);
  });
});

describe('the logger redacts text, not only keys', () => {
  const capture = () => {
    const out: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        out.push(chunk.toString());
        done();
      },
    });
    return { out, logger: createLogger({ service: 'redact-spec', destination }) };
  };

  it('in messages, fields, nested objects and errors', () => {
    const { out, logger } = capture();
    logger.info({ sourceUrl: 'rtsp://admin:Cam-Pass-1@10.0.0.5/main' }, 'recording');
    logger.warn('push to /push/hikvision/cam-1/Push-Secret-77 refused');
    logger.info({ headers: { 'x-ecogate-device-secret': 'Header-Secret-5', authorization: 'Basic eA==' } });
    logger.error({ err: new Error('connect failed: postgres://u:Db-Pass-9@127.0.0.1/db') }, 'boot failed');
    logger.error(new Error('GET http://m/b/k?X-Amz-Signature=Sig-1234'));
    const text = out.join('\n');
    for (const secret of [
      'Cam-Pass-1',
      'Push-Secret-77',
      'Header-Secret-5',
      'Basic eA==',
      'Db-Pass-9',
      'Sig-1234',
    ])
      expect(text).not.toContain(secret);
    expect(text).toContain('rtsp://admin:[redacted]@10.0.0.5/main');
    expect(JSON.parse(out[3] ?? '{}')).toMatchObject({ err: { type: 'Error' }, msg: 'boot failed' });
  });
});
