import {
  STAGE_LOOKUP_PATH,
  type StageLookupErrorCode,
  type StageLookupRequest,
  stageLookupRequestSchema,
  type StageRecord,
  stageRecordSchema,
} from '@ecogate/contracts';
import { createLogger, type Logger } from '@ecogate/telemetry';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { isAuthorised, type StageLookupClients } from './stage-lookup-auth';
import {
  type StageLookupFaultScript,
  StageLookupFaults,
  stageLookupFaultScriptSchema,
} from './stage-lookup-faults';
import { stampAnswer, StageRecordStore } from './stage-record-store';

export interface StageLookupSimulatorOptions {
  /** 127.0.0.1 unless told. */
  readonly host?: string;
  /** 0 (picked by the OS) unless told. */
  readonly port?: number;
  readonly clients: StageLookupClients;
  /** Records the source holds from the start. */
  readonly records?: readonly StageRecord[];
  readonly logger?: Logger;
}

/** One lookup request as the simulator saw it (`GET /_sim/requests`). */
export interface SeenLookup {
  /** When it arrived. */
  readonly at: string;
  /** `vin:…` or `disclosureNumber:…`; null when refused before the body was read. */
  readonly key: string | null;
  /** The answer's status; null while it is still being answered (a hang or a delay). */
  readonly status: number | null;
}

export interface StageLookupSimulator {
  /** Base URL, e.g. `http://127.0.0.1:41234`; the lookup is `POST {url}/api/v1/stage-lookups`. */
  readonly url: string;
  seed(records: readonly StageRecord[]): void;
  /** Replaces who may ask (a city's key revoked or rotated at the source). */
  setClients(clients: StageLookupClients): void;
  script(faults: StageLookupFaultScript): void;
  /** The lookup requests seen so far, oldest first. */
  requests(): readonly SeenLookup[];
  reset(): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 16 * 1024;

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: StageLookupErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const send = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void => {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
};

const refuse = (res: ServerResponse, refusal: Refusal, headers: Record<string, string> = {}): void =>
  send(res, refusal.status, { error: { code: refusal.code, message: refusal.message } }, headers);

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > MAX_BODY_BYTES)
      throw new Refusal(413, 'invalid-request', `body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new Refusal(400, 'invalid-request', 'the body is not JSON');
  }
}

const keyOf = (request: StageLookupRequest): string =>
  'vin' in request ? `vin:${request.vin}` : `disclosureNumber:${request.disclosureNumber}`;

/**
 * Starts the reference stage-lookup source in-process (a province's vehicle database or the
 * national disclosure service, as docs/stage-lookup.md describes it): the lookup on
 * `POST /api/v1/stage-lookups`, and a control API under `/_sim/` (seed records, script faults,
 * read what was asked) for tests and demos. Loopback only unless told.
 */
export async function startStageLookupSimulator(
  options: StageLookupSimulatorOptions,
): Promise<StageLookupSimulator> {
  const logger = options.logger ?? createLogger({ service: 'stage-lookup-simulator', level: 'silent' });
  const store = new StageRecordStore();
  store.seed(options.records ?? []);
  const faults = new StageLookupFaults();
  let clients = options.clients;
  let seen: { at: string; key: string | null; status: number | null }[] = [];
  // Hung requests are answered on close, so the server can stop.
  const hanging = new Set<AbortController>();

  async function lookup(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const entry: { at: string; key: string | null; status: number | null } = {
      at: new Date().toISOString(),
      key: null,
      status: null,
    };
    seen.push(entry);
    const note = (key: string | null, status: number): void => {
      entry.key = key;
      entry.status = status;
    };
    if (!isAuthorised(req.headers.authorization, clients)) {
      note(null, 401);
      return refuse(res, new Refusal(401, 'unauthorized', 'unknown client or wrong secret'));
    }
    const body = await readJson(req).catch((error: unknown) => {
      if (error instanceof Refusal) note(null, error.status);
      throw error;
    });
    const parsed = stageLookupRequestSchema.safeParse(body);
    if (!parsed.success) {
      note(null, 400);
      return refuse(res, new Refusal(400, 'invalid-request', z.prettifyError(parsed.error)));
    }
    const key = keyOf(parsed.data);
    entry.key = key;
    const fault = faults.next();
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    if (fault?.kind === 'rate-limit') {
      note(key, 429);
      return refuse(res, new Refusal(429, 'rate-limited', 'too many lookups'), {
        'retry-after': String(fault.retryAfterS),
      });
    }
    if (fault?.kind === 'server-error') {
      note(key, fault.status);
      return refuse(res, new Refusal(fault.status, 'unavailable', 'the source failed (scripted)'));
    }
    if (fault?.kind === 'hang' || fault?.kind === 'delay') {
      const abort = new AbortController();
      hanging.add(abort);
      await sleep(fault.ms, undefined, { signal: abort.signal }).catch(() => undefined);
      hanging.delete(abort);
      if (fault.kind === 'hang') {
        note(key, 504);
        return refuse(res, new Refusal(504, 'unavailable', 'the source did not answer in time (scripted)'));
      }
    }
    note(key, 200);
    send(res, 200, stampAnswer(store.answer(parsed.data), new Date()));
  }

  async function control(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (req.method === 'POST' && path === '/_sim/records') {
      const records = z
        .array(stageRecordSchema)
        .max(10_000)
        .parse(await readJson(req));
      store.seed(records);
      return send(res, 200, { records: store.size });
    }
    if (req.method === 'POST' && path === '/_sim/faults') {
      faults.script(stageLookupFaultScriptSchema.parse(await readJson(req)));
      return send(res, 200, { pending: faults.pending, latencyMs: faults.latencyMs });
    }
    if (req.method === 'GET' && path === '/_sim/requests') return send(res, 200, { requests: seen });
    if (req.method === 'DELETE' && path === '/_sim/state') {
      reset();
      return send(res, 200, {});
    }
    refuse(res, new Refusal(404, 'not-found', `no route ${req.method ?? ''} ${path}`));
  }

  function reset(): void {
    store.clear();
    faults.reset();
    seen = [];
  }

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://simulator').pathname;
    const handled =
      req.method === 'POST' && path === STAGE_LOOKUP_PATH
        ? lookup(req, res)
        : path.startsWith('/_sim/')
          ? control(req, res, path)
          : Promise.resolve(
              refuse(res, new Refusal(404, 'not-found', `no route ${req.method ?? ''} ${path}`)),
            );
    handled.catch((error: unknown) => {
      if (error instanceof Refusal) return refuse(res, error);
      if (error instanceof z.ZodError)
        return refuse(res, new Refusal(400, 'invalid-request', z.prettifyError(error)));
      logger.error({ err: error }, 'stage-lookup simulator request failed');
      refuse(res, new Refusal(500, 'unavailable', 'simulator error'));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  logger.info({ url, records: store.size }, 'stage-lookup simulator listening');

  return {
    url,
    seed: (records) => store.seed(records.map((record) => stageRecordSchema.parse(record))),
    setClients: (next) => (clients = next),
    script: (script) => faults.script(script),
    requests: () => seen.map((entry) => ({ ...entry })),
    reset,
    close: async () => {
      for (const abort of hanging) abort.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
