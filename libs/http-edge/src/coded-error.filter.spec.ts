import { Writable } from 'node:stream';
import { type ArgumentsHost, NotFoundException } from '@nestjs/common';
import pino from 'pino';
import { CodedErrorFilter } from './coded-error.filter';

class RecordNotFound extends Error {
  readonly code = 'record-not-found';
}

function respond(exception: unknown) {
  const logged: Record<string, unknown>[] = [];
  const log = pino(
    new Writable({ write: (c: Buffer, _e, done) => (logged.push(JSON.parse(c.toString())), done()) }),
  );
  const sent: { status?: number; body?: Record<string, unknown>; headers: Record<string, string> } = {
    headers: {},
  };
  const response = {
    setHeader(name: string, value: string) {
      sent.headers[name] = value;
    },
    status(code: number) {
      sent.status = code;
      return { json: (body: Record<string, unknown>) => (sent.body = body) };
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new CodedErrorFilter(log, {
    'record-not-found': 404,
    'invalid-request': 400,
    'payload-too-large': 413,
    'storage-unavailable': 503,
  }).catch(exception, host);
  return { ...sent, logged };
}

describe('CodedErrorFilter', () => {
  it('answers a known code with its status and the reason', () => {
    expect(respond(new RecordNotFound('no record r-1 for this enterprise'))).toMatchObject({
      status: 404,
      body: { code: 'record-not-found', reason: 'no record r-1 for this enterprise' },
    });
  });

  it('closes the connection on a 413 so the rest of the body is not read', () => {
    const tooLarge = Object.assign(new Error('body over 1 MiB'), { code: 'payload-too-large' });
    expect(respond(tooLarge)).toMatchObject({
      status: 413,
      body: { code: 'payload-too-large', reason: 'body over 1 MiB' },
      headers: { Connection: 'close' },
    });
    expect(respond(new RecordNotFound('gone')).headers).toEqual({});
  });

  it('gives a mapped 5xx an error id that is also logged, with the cause', () => {
    const cause = new Error('minio: connect ECONNREFUSED');
    const down = Object.assign(new Error('storage unavailable', { cause }), { code: 'storage-unavailable' });
    const { status, body, logged } = respond(down);
    expect(status).toBe(503);
    expect(body).toEqual({
      code: 'storage-unavailable',
      reason: 'storage unavailable',
      errorId: expect.any(String),
    });
    expect(logged[0]).toMatchObject({
      errorId: body!['errorId'],
      err: { message: 'minio: connect ECONNREFUSED' },
    });
  });

  it("answers body-parser's 4xx errors with their status", () => {
    const parseFailed = Object.assign(new SyntaxError('Unexpected token } in JSON'), { status: 400 });
    expect(respond(parseFailed)).toMatchObject({
      status: 400,
      body: { code: 'http-error', reason: 'Unexpected token } in JSON' },
    });
  });

  it("keeps Nest's HTTP exceptions", () => {
    expect(respond(new NotFoundException('no route'))).toMatchObject({
      status: 404,
      body: { code: 'http-error' },
    });
  });

  it('turns anything else, unknown codes included, into a 500 whose error id is logged', () => {
    const { status, body, logged } = respond(Object.assign(new Error('db down'), { code: 'ECONNREFUSED' }));
    expect(status).toBe(500);
    expect(body).toMatchObject({ code: 'internal-error', reason: 'unexpected error' });
    expect(JSON.stringify(body)).not.toContain('db down');
    expect(logged[0]).toMatchObject({ errorId: body!['errorId'] });
  });
});
