/**
 * `npm run bench:auth [-- --logins N] [--requests N]`
 *
 * What authentication costs at the gateway, against the Postgres of `npm run infra:up`:
 * 1. login latency (argon2id at the cost in `password-hasher.ts`, plus session rows and signing);
 * 2. the same upstream route through the gateway with a cookie session (JWT verification, live
 *    session check in Postgres, policy decision), with an API key (cached minted JWT, per-key
 *    bucket), and through a gateway that forwards with no authentication or policy check at all;
 *    the upstream's own direct latency is the floor.
 */
import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { ARGON2_COST } from '../src/accounts/password-hasher';
import { STRONG, startTestGateway } from '../src/testing/test-gateway';

const arg = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const LOGINS = arg('logins', 40);
const REQUESTS = arg('requests', 2000);
const WARMUP = 200;
const SLICE = 100;

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

interface Row {
  readonly name: string;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

async function sample(
  name: string,
  count: number,
  once: () => Promise<number>,
  into: number[] = [],
): Promise<number[]> {
  for (let i = 0; i < count; i++) {
    const started = process.hrtime.bigint();
    const status = await once();
    into.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (status !== 200 && status !== 204) throw new Error(`${name}: HTTP ${status}`);
  }
  return into;
}

function row(name: string, samples: number[]): Row {
  const sorted = [...samples].sort((a, b) => a - b);
  return { name, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

const timeEach = async (name: string, count: number, once: () => Promise<number>): Promise<Row> =>
  row(name, await sample(name, count, once));

async function main(): Promise<void> {
  const upstream = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"items":[]}');
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  const checked = await startTestGateway({ upstreams: { ledger: upstreamUrl }, idleSeconds: 1800 });
  const unchecked = await startTestGateway(
    { upstreams: { ledger: upstreamUrl }, idleSeconds: 1800 },
    { skipProxyPolicy: true },
  );
  try {
    // Enterprise accounts need their enterprise in the directory.
    await checked.registerEnterprise('E1', '320102');
    const route = '/api/ledger/v1/enterprises/E1/passages';
    const loginBody = JSON.stringify({ username: 'root-admin', password: STRONG });
    const login = await timeEach('login (POST /auth/login)', LOGINS, async () => {
      const r = await fetch(`${checked.gateway.url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: loginBody,
      });
      await r.arrayBuffer();
      return r.status;
    });

    const staff = await checked.signedIn({
      username: 'bench.staff',
      role: 'enterprise-staff',
      enterpriseId: 'E1',
    });
    const cookie = [...staff.cookies]
      .filter(([name]) => name !== 'ecogate_refresh')
      .map(([n, v]) => `${n}=${v}`)
      .join('; ');
    const entAdmin = await checked.signedIn({
      username: 'bench.admin',
      role: 'enterprise-admin',
      enterpriseId: 'E1',
    });
    const key = (
      await entAdmin.call('POST', '/api/gateway/v1/enterprises/E1/api-keys', {
        body: { name: 'bench', scopes: ['passages:read'], expiresInDays: 1 },
      })
    ).body.secret as string;

    const get =
      (url: string, headers: Record<string, string> = {}) =>
      async () => {
        const r = await fetch(url, { headers });
        await r.arrayBuffer();
        return r.status;
      };
    const cases: [string, () => Promise<number>][] = [
      ['upstream direct (floor)', get(`${upstreamUrl}/api/v1/enterprises/E1/passages`)],
      ['gateway, no auth check', get(`${unchecked.gateway.url}${route}`)],
      ['gateway, cookie session', get(`${checked.gateway.url}${route}`, { cookie })],
      ['gateway, API key', get(`${checked.gateway.url}${route}`, { authorization: `ApiKey ${key}` })],
    ];
    for (const [name, once] of cases) await sample(name, WARMUP, once);
    // Round-robin in slices, so load from elsewhere on the machine falls on every case alike.
    const samples = cases.map((): number[] => []);
    for (let done = 0; done < REQUESTS; done += SLICE)
      for (const [index, [name, once]] of cases.entries()) await sample(name, SLICE, once, samples[index]);
    const rows = cases.map(([name], index) => row(name, samples[index] ?? []));

    const f = (ms: number) => ms.toFixed(2).padStart(8);
    console.log(
      `\nargon2id m=${ARGON2_COST.memoryCost} KiB t=${ARGON2_COST.timeCost} p=${ARGON2_COST.parallelism}; ` +
        `${LOGINS} logins, ${REQUESTS} requests per case after ${WARMUP} warm-up, sequential, keep-alive, cases interleaved in slices of ${SLICE}\n`,
    );
    console.log(`${'case'.padEnd(34)}  p50 ms   p95 ms   p99 ms`);
    for (const row of [login, ...rows])
      console.log(`${row.name.padEnd(34)}${f(row.p50)} ${f(row.p95)} ${f(row.p99)}`);
    const [, base, ...authenticated] = rows;
    if (!base) return;
    console.log('');
    for (const row of authenticated)
      console.log(
        `${row.name}: p99 ${(row.p99 / base.p99).toFixed(2)}× and p50 +${(row.p50 - base.p50).toFixed(2)} ms over "${base.name}"`,
      );
  } finally {
    await checked.close();
    await unchecked.close();
    upstream.closeAllConnections();
    upstream.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
