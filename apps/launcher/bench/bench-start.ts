import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type GatewaySession } from '../src/demo/gateway-session';
import { scratchFolder, StartedMachine } from '../src/testing/started-machine';

// `npm run bench:start` (issue #14): cold start (empty home) and warm start until a new demo
// passage is visible through the public API, and the memory (PSS and RSS) of every process of
// the machine: idle (no demo) and under the demo's traffic. Goals on a 2-core machine: ≤ 60 s cold,
// ≤ 15 s warm.
// Moved with the other checkouts' ports (ECOGATE_PORT_OFFSET, as .ci/run picks it).
const OFFSET = Number(process.env['ECOGATE_PORT_OFFSET'] ?? 0);
const PORTS = {
  ECOGATE_PORT: String(28080 + OFFSET),
  ECOGATE_CAMERA_PORT: String(28082 + OFFSET),
  ECOGATE_POSTGRES_PORT: String(25433 + OFFSET),
};
const DEMO_SECONDS = Number(process.env['BENCH_DEMO_SECONDS'] ?? 90);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Seconds from spawn until a truck that came after it is in the API: an entry (a new passage) or
 * an exit (completing one). Cameras stamp captures to the second.
 */
async function passageSinceStart(machine: StartedMachine, session: GatewaySession): Promise<number> {
  const since = Math.floor(machine.startedAt / 1000) * 1000;
  for (;;) {
    const passages = (await machine.passages(session, 'limit=20')) as {
      entryCapturedAt?: string | null;
      exitCapturedAt?: string | null;
    }[];
    const times = passages.flatMap((p) => [p.entryCapturedAt, p.exitCapturedAt]);
    if (times.some((at) => Date.parse(at ?? '') >= since)) return (Date.now() - machine.startedAt) / 1000;
    await sleep(250);
  }
}

/** The largest memory over `seconds`, sampled each second. */
async function peakMemory(machine: StartedMachine, seconds: number): Promise<string> {
  let rss = 0;
  let pss = 0;
  for (let i = 0; i < seconds; i++) {
    const now = machine.memoryMiB();
    rss = Math.max(rss, now.rss);
    pss = Math.max(pss, now.pss);
    await sleep(1000);
  }
  return `PSS ${pss.toFixed(0)} MiB (RSS sum ${rss.toFixed(0)} MiB)`;
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
    const demoMemory = await peakMemory(machine, DEMO_SECONDS);
    const passages = (await machine.passages(session)).length;
    rows.push(`memory under the demo (peak over ${DEMO_SECONDS} s, ${passages} passages): ${demoMemory}`);
    await machine.interrupt();

    machine = new StartedMachine({ home, env: PORTS });
    const warmReady = await machine.ready();
    session = await machine.session('enterprise-admin', Number(PORTS.ECOGATE_PORT));
    const warmFirst = await passageSinceStart(machine, session);
    rows.push(
      `warm start: ready ${warmReady.toFixed(1)} s, first truck's passage in the API ${warmFirst.toFixed(1)} s`,
    );
    await machine.interrupt();

    machine = new StartedMachine({ home, env: PORTS, args: ['--no-demo'] });
    await machine.ready();
    await sleep(10_000);
    const idle = machine.memoryMiB();
    rows.push(
      `memory idle (no demo, 10 s after ready): PSS ${idle.pss.toFixed(0)} MiB (RSS sum ${idle.rss.toFixed(0)} MiB)`,
    );
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
