import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { DocumentReaderUnavailableError, PlateRecognitionDocumentReader } from './document-reader.client';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

describe('PlateRecognitionDocumentReader', () => {
  let server: Server;
  let handler: Handler;
  let reader: PlateRecognitionDocumentReader;

  beforeAll(async () => {
    server = createServer((req, res) => handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    reader = new PlateRecognitionDocumentReader({
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
      timeoutMs: 500,
      token: { header: () => Promise.resolve('Bearer ledger-token') },
    });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const answer =
    (status: number, body: unknown): Handler =>
    (req, res) => {
      req.resume();
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
  const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);

  it('posts the raw photo as the ledger and parses the contract’s answer', async () => {
    const seen: { url?: string; authorization?: string; type?: string; body?: Buffer } = {};
    handler = (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        Object.assign(seen, {
          url: req.url,
          authorization: req.headers.authorization,
          type: req.headers['content-type'],
          body: Buffer.concat(chunks),
        });
        answer(200, { kind: 'inventory-list', found: false, reason: 'no-qr-code', message: 'no code' })(
          req,
          res,
        );
      });
    };
    await expect(reader.read('inventory-list', photo, 'image/jpeg')).resolves.toEqual({
      kind: 'inventory-list',
      found: false,
      reason: 'no-qr-code',
      message: 'no code',
    });
    expect(seen).toEqual({
      url: '/documents/inventory-list/read',
      authorization: 'Bearer ledger-token',
      type: 'image/jpeg',
      body: photo,
    });
  });

  it.each<[string, Handler, RegExp]>([
    ['a 503', answer(503, { code: 'busy' }), /answered 503/],
    ['a refused key', answer(403, { code: 'forbidden' }), /AUTH_SERVICE_KEYS_FILE/],
    [
      'an answer off the contract',
      answer(200, { kind: 'driving-licence', found: 'yes' }),
      /off the contract/,
    ],
    ['the other kind’s answer', answer(200, { kind: 'inventory-list', found: false }), /off the contract/],
    ['no answer in time', () => undefined, /no answer from .* within 500 ms/],
  ])('calls %s unavailable, to be retried', async (_case, respond, message) => {
    handler = respond;
    const reading = reader.read('driving-licence', photo, 'image/png');
    await expect(reading).rejects.toThrow(DocumentReaderUnavailableError);
    await expect(reading).rejects.toThrow(message);
  });
});
