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
  const sent: { status?: number; body?: Record<string, unknown> } = {};
  const response = {
    status(code: number) {
      sent.status = code;
      return { json: (body: Record<string, unknown>) => (sent.body = body) };
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new CodedErrorFilter(log, { 'record-not-found': 404, 'invalid-request': 400 }).catch(exception, host);
  return { ...sent, logged };
}

describe('CodedErrorFilter', () => {
  it('answers a known code with its status and the reason', () => {
    expect(respond(new RecordNotFound('no record r-1 for this enterprise'))).toMatchObject({
      status: 404,
      body: { error: 'record-not-found', message: 'no record r-1 for this enterprise' },
    });
  });

  it("keeps Nest's HTTP exceptions", () => {
    expect(respond(new NotFoundException('no route'))).toMatchObject({
      status: 404,
      body: { error: 'http-error' },
    });
  });

  it('turns anything else, unknown codes included, into a 500 whose error id is logged', () => {
    const { status, body, logged } = respond(Object.assign(new Error('db down'), { code: 'ECONNREFUSED' }));
    expect(status).toBe(500);
    expect(body).toMatchObject({ error: 'internal-error', message: 'unexpected error' });
    expect(JSON.stringify(body)).not.toContain('db down');
    expect(logged[0]).toMatchObject({ errorId: body!['errorId'] });
  });
});
