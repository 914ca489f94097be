import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type GatewaySession } from '../src/demo/gateway-session';
import { scratchFolder, StartedMachine } from '../src/testing/started-machine';

// `npm run bench:start` (issue #14): cold start (empty home) and warm start until a new demo
// passage is visible through the public API, and the memory (RSS) of every process of the
// machine: idle (no demo) and under the demo's traffic. Goals on a 2-core machine: ≤ 60 s cold,
// ≤ 15 s warm.
const PORTS = { ECOGATE_PORT: '18180', ECOGATE_CAMERA_PORT: '18182', ECOGATE_POSTGRES_PORT: '15434' };
const DEMO_SECONDS = Number(process.env['BENCH_DEMO_SECONDS'] ?? 90);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Seconds from spawn until a passage not in `seen` is listed. */
async function newPassage(
  machine: StartedMachine,
  session: GatewaySession,
  seen: Set<string>,
): Promise<number> {
  for (;;) {
    if ((await machine.passages(session, 'limit=20')).some((p) => !seen.has(p.id)))
      return (Date.now() - machine.startedAt) / 1000;
    await sleep(250);
  }
}

/** The largest RSS over `seconds`, sampled each second. */
async function peakRss(machine: StartedMachine, seconds: number): Promise<number> {
  let peak = 0;
  for (let i = 0; i < seconds; i++) {
    peak = Math.max(peak, machine.rssMiB());
    await sleep(1000);
  }
  return peak;
}

async function main(): Promise<void> {
  const work = await scratchFolder('ecogate-bench-start-');
  const home = join(work, 'home');
  const rows: string[] = [];
  let machine: StartedMachine | undefined;
  try {
    machine = new StartedMachine({ home, env: PORTS });
    const coldReady = await machine.ready();
    let session = await machine.session('enterprise-admin', Number(PORTS.ECOGATE_PORT));
    const coldFirst = await machine.firstPassage(session);
    rows.push(
      `cold start (empty home): ready ${coldReady.toFixed(1)} s, first passage ${coldFirst.toFixed(1)} s`,
    );
    const demoRss = await peakRss(machine, DEMO_SECONDS);
    const passages = (await machine.passages(session)).length;
    rows.push(
      `RSS under the demo (peak over ${DEMO_SECONDS} s, ${passages} passages): ${demoRss.toFixed(0)} MiB`,
    );
    await machine.interrupt();

    const seen = new Set<string>();
    machine = new StartedMachine({ home, env: PORTS });
    const warmReady = await machine.ready();
    session = await machine.session('enterprise-admin', Number(PORTS.ECOGATE_PORT));
    for (const p of await machine.passages(session)) seen.add(p.id);
    const warmFirst = await newPassage(machine, session, seen);
    rows.push(`warm start: ready ${warmReady.toFixed(1)} s, first new passage ${warmFirst.toFixed(1)} s`);
    await machine.interrupt();

    machine = new StartedMachine({ home, env: PORTS, args: ['--no-demo'] });
    await machine.ready();
    await sleep(10_000);
    rows.push(`RSS idle (no demo, 10 s after ready): ${machine.rssMiB().toFixed(0)} MiB`);
    await machine.interrupt();
    machine = undefined;
    console.log(rows.join('\n'));
  } catch (error) {
    await machine?.powerCut();
    console.log(rows.join('\n'));
    throw error;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
