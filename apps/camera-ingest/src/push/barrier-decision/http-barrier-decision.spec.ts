import { ServiceToken, TestIssuer, TokenVerifier } from '@ecogate/auth';
import { createLogger } from '@ecogate/telemetry';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type BarrierQuestion } from '../barrier-decision.port';
import { HttpBarrierDecision } from './http-barrier-decision';

const question: BarrierQuestion = {
  lane: { enterpriseId: 'ent-1', siteId: 's', gateId: 'g', laneId: 'lane/in', direction: 'in' },
  captureId: 'cap-42',
  deviceId: 'cam-1',
  plateText: '沪AMS087',
  verdict: 'trusted',
  capturedAt: new Date('2026-11-28T09:15:02Z'),
};

/** Contract test: the request barrier-control's `GET …/vzenith-reply` expects, and every answer it may give. */
describe('HttpBarrierDecision (fails closed)', () => {
  const logger = createLogger({ service: 'http-barrier-decision-spec', level: 'fatal' });
  let server: Server;
  let baseUrl: string;
  let handler: (req: IncomingMessage, res: ServerResponse) => void;
  const seen: string[] = [];

  let issuer: TestIssuer;
  let token: ServiceToken;

  beforeAll(async () => {
    issuer = await TestIssuer.start(['camera-ingest', 'ledger']);
    token = await ServiceToken.fromPem('camera-ingest', issuer.servicePem('camera-ingest'));
    // barrier-control's side of the contract: its policy admits only camera-ingest's own token.
    const verifier = new TokenVerifier(issuer.verifierOptions);
    server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      verifier.verify(req.headers.authorization?.replace(/^Bearer /, '') ?? '').then(
        (caller) => (caller.subject === 'camera-ingest' ? handler(req, res) : res.writeHead(403).end('{}')),
        () => res.writeHead(401).end('{}'),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections(); // the request the timeout test leaves unanswered
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await issuer.close();
  });
  beforeEach(() => void seen.splice(0));

  const answer = (status: number, body: unknown) => (_req: IncomingMessage, res: ServerResponse) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  // Generous, so a loaded machine never turns an answer into a timeout; the timeout case never answers.
  const decide = (timeoutMs = 10_000, as: Pick<ServiceToken, 'header'> = token) =>
    new HttpBarrierDecision({ baseUrl, timeoutMs, token: as }, logger).decide(question);

  it('asks for the capture on its lane and opens only on open: true', async () => {
    handler = answer(200, { captureId: 'cap-42', open: true, outcome: 'open' });
    expect(await decide()).toEqual({ kind: 'open' });
    expect(seen).toEqual(['GET /api/v1/enterprises/ent-1/lanes/lane%2Fin/vzenith-reply?captureId=cap-42']);
  });

  it('stays closed when barrier-control refuses the caller', async () => {
    handler = answer(200, { captureId: 'cap-42', open: true, outcome: 'open' });
    const ledger = await ServiceToken.fromPem('ledger', issuer.servicePem('ledger'));
    expect(await decide(10_000, ledger)).toEqual({
      kind: 'keep-closed',
      reason: 'barrier-control answered 403',
    });
    expect(await decide(10_000, { header: async () => 'Bearer forged.token.x' })).toEqual({
      kind: 'keep-closed',
      reason: 'barrier-control answered 401',
    });
  });

  it('maps closed and undecided answers to a closed barrier', async () => {
    handler = answer(200, { captureId: 'cap-42', open: false, outcome: 'closed' });
    expect(await decide()).toMatchObject({ kind: 'keep-closed' });
    handler = answer(200, { captureId: 'cap-42', open: false, outcome: 'undecided' });
    expect(await decide()).toEqual({ kind: 'no-decision-yet' });
  });

  it.each([
    ['an error status', answer(500, { code: 'internal-error', reason: 'boom' })],
    ['a 404 for the lane', answer(404, { code: 'lane-not-found', reason: 'no lane' })],
    ['an answer for another capture', answer(200, { captureId: 'cap-41', open: true, outcome: 'open' })],
    ['a body of the wrong shape', answer(200, { open: 'yes' })],
    ['a body that is not JSON', (_req: IncomingMessage, res: ServerResponse) => res.end('ok')],
  ])('stays closed on %s', async (_name, respond) => {
    handler = respond;
    expect(await decide()).toMatchObject({ kind: 'keep-closed' });
  });

  it('stays closed when barrier-control is slower than the timeout', async () => {
    handler = () => undefined; // never answers: only the timeout can end the wait
    expect(await decide(100)).toEqual({ kind: 'keep-closed', reason: 'no answer within 100 ms' });
  });

  it('stays closed when barrier-control is unreachable', async () => {
    const decision = new HttpBarrierDecision(
      { baseUrl: 'http://127.0.0.1:1', timeoutMs: 10_000, token },
      logger,
    );
    expect(await decision.decide(question)).toEqual({
      kind: 'keep-closed',
      reason: 'barrier-control unreachable',
    });
  });
});
