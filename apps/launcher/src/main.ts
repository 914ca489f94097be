import { ConfigError } from '@ecogate/config';
import { launch, type Machine, Running, StartInterrupted } from './launcher';
import { demoFlag, launcherConfig } from './options';

// `npm start`: the whole of Ecogate on this machine with only Node.js (issue #14, ADR 0008).
// Progress and the summary go to the terminal; each process's log is in $ECOGATE_HOME/logs.

const startedAt = Date.now();
const report = (message: string): void => {
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1).padStart(5);
  process.stdout.write(`[ecogate ${seconds}s] ${message}\n`);
};

function summary(machine: Machine): string {
  const lines = [
    '',
    `  Ecogate is running: ${machine.url}`,
    `  data:   ${machine.home.root}   (kept across restarts)`,
    `  logs:   ${machine.home.logs}`,
  ];
  if (machine.platformSimulator)
    lines.push(
      '  platform: records go to a local platform simulator (set PLATFORM_URL, PLATFORM_APP_ID, PLATFORM_SECRET for the province)',
    );
  if (machine.stageLookupSimulator)
    lines.push(
      '  stages: looked up at a local stage-lookup simulator (set LEDGER_STAGE_LOOKUP_URL, LEDGER_STAGE_LOOKUP_CREDENTIALS_FILE for the city)',
    );
  for (const [service, reason] of machine.skipped) lines.push(`  not started: ${service}: ${reason}`);
  if (machine.demo) {
    lines.push('', '  Demo logins (also in secrets/demo.json):');
    for (const account of machine.demo.state.accounts)
      lines.push(`    ${account.role.padEnd(17)} ${account.username.padEnd(12)} ${account.password}`);
    lines.push('', '  Demo trucks arrive every few seconds; an orange alert is raised after a minute.');
  }
  lines.push('', '  Ctrl-C stops everything; the next `npm start` keeps the data.', '');
  return lines.join('\n');
}

async function main(): Promise<void> {
  const config = launcherConfig.load();
  const running = new Running();
  const stop = (signal: string): void => {
    if (running.stopping) return;
    report(`${signal}: stopping…`);
    running.stop().then(
      () => {
        report('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        report(`stop failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  try {
    const machine = await launch(config, demoFlag(process.argv), report, running);
    report(`ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
    process.stdout.write(`${summary(machine)}\n`);
  } catch (error) {
    // Stopped while starting: the signal handler reports and exits once everything is down.
    if (error instanceof StartInterrupted) return;
    throw error;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `\nEcogate did not start: ${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
