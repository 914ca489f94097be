import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { embeddedPostgresUrls } from '@ecogate/persistence';
import { DemoTraffic } from './demo/demo-traffic';
import { DEMO_ENTERPRISE, DEMO_PLATFORM_CODE, DEMO_TRUCKS, demoVin } from './demo/demo-city';
import { type DemoState, seedDemo } from './demo/seed-demo';
import { EcogateHome, randomSecret } from './ecogate-home';
import { type LauncherConfig } from './options';
import { Child, type LogLine, REPO_ROOT } from './services/child';
import { assertPortFree, assertServicePortFree } from './services/ports';
import { buildConsole, consoleBuildStale } from './services/console-build';
import { MigrationStamp } from './services/migration-stamp';
import { ProcessFile } from './services/process-file';
import {
  DATABASES,
  entryOf,
  EVENT_LOG_DATABASE,
  type MachineSettings,
  MIGRATED,
  type PlatformTarget,
  type StageLookupTarget,
  type Ports,
  type Service,
  SERVICES,
  serviceEnv,
} from './services/service-plan';

export type Report = (message: string) => void;

export interface Machine {
  readonly url: string;
  readonly home: EcogateHome;
  readonly demo?: { readonly state: DemoState; readonly traffic: DemoTraffic };
  /** Where records go when no platform is configured. */
  readonly platformSimulator: boolean;
  /** Where the ledger asks for stages when no stage-lookup source is configured. */
  readonly stageLookupSimulator: boolean;
  /** Services that did not start (e.g. plate-recognition without models), with the reason. */
  readonly skipped: ReadonlyMap<Service, string>;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 180_000;
const DEMO_STATE = 'demo.json';

/**
 * Starts the whole system on this machine (issue #14, ADR 0008): the embedded PostgreSQL, every
 * service's migrations, the services (each through its own `main.ts`, as in a cluster), the
 * gateway on 127.0.0.1:<ECOGATE_PORT>, and with the demo its city and trucks. Fails with a clear
 * message, stopping whatever it started, when something cannot start.
 */
export async function launch(
  config: LauncherConfig,
  demoFlag: boolean | undefined,
  report: Report,
  running: Running,
): Promise<Machine> {
  const home = new EcogateHome(config.home);
  const isNew = home.isNew();
  await home.prepare();
  const processes = new ProcessFile(home.run);
  const leftovers = await processes.stopLeftovers();
  if (leftovers.length > 0) report(`stopped what an earlier start left running: ${leftovers.join(', ')}`);
  await assertPortFree(config.ports.gateway, 'ECOGATE_PORT');
  await assertPortFree(config.ports.cameraPush, 'ECOGATE_CAMERA_PORT');
  running.attach(processes);
  const stop = () => running.stop();
  const child = async (
    name: string,
    entry: string,
    env: Record<string, string>,
    args: string[] = [],
    onLog?: (line: LogLine) => void,
  ) => {
    if (running.stopping) throw new StartInterrupted();
    const process = new Child({
      name,
      entry,
      env,
      args,
      logFile: home.logFile(name),
      ...(onLog ? { onLog } : {}),
    });
    await running.add(process, args.length === 0);
    return process;
  };
  let traffic: DemoTraffic | undefined;

  try {
    report(`home: ${home.root}${isNew ? ' (new)' : ''}`);
    const postgres = await child('postgres', 'apps/launcher/src/postgres-keeper.ts', {
      ECOGATE_HOME: home.root,
      ECOGATE_POSTGRES_PORT: String(config.ports.postgres),
      ECOGATE_DATABASES: [...Object.values(DATABASES), EVENT_LOG_DATABASE].join(','),
      LOG_LEVEL: 'info',
    });
    report(isNew ? 'PostgreSQL: creating the database (first start)…' : 'PostgreSQL: starting…');
    await postgres.waitFor((line) => line.msg === 'postgres ready', READY_TIMEOUT_MS);
    const databaseUrl = await embeddedPostgresUrls(home.root, config.ports.postgres);

    const demo = demoFlag ?? (isNew || existsSync(join(home.secrets, DEMO_STATE)));
    const platform = config.platform
      ? { target: config.platform, simulated: false }
      : await startPlatformSimulator(home, child, demo, config.ports.gateway);
    const stageLookup = config.stageLookup
      ? { target: config.stageLookup, simulated: false }
      : await startStageLookupSimulator(home, child, demo, config.ports.gateway);
    const machine = await machineSettings(config, home, databaseUrl, platform.target, stageLookup.target);
    if (!machine.videoTools) report('ffmpeg not found: inspections cannot scan video windows for plates');

    if (await consoleBuildStale()) {
      report('console: building the pages (Vite)…');
      const started = Date.now();
      await buildConsole();
      report(`console built (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }

    const stamp = new MigrationStamp(home.run, REPO_ROOT);
    const pending = await stamp.pending(MIGRATED);
    if (pending.length > 0) {
      report(`migrations: ${pending.join(', ')}…`);
      await Promise.all(
        pending.map(async (service) =>
          (
            await child(`${service}-migrate`, entryOf(service), serviceEnv(service, machine), ['--migrate'])
          ).succeeded(),
        ),
      );
      await stamp.markApplied(pending);
      report('migrations applied');
    }

    const skipped = new Map<Service, string>();
    const models = resolve(REPO_ROOT, '..', 'shared', 'models');
    if (!process.env['LPR_MODEL_DIR'] && !existsSync(models))
      skipped.set('plate-recognition', `no plate models in ${models} (set LPR_MODEL_DIR)`);

    let oneTimePassword: string | undefined;
    if (demo && !existsSync(join(home.secrets, DEMO_STATE))) {
      const admin = await child('gateway-create-admin', entryOf('gateway'), serviceEnv('gateway', machine), [
        '--create-admin',
        'admin',
      ]);
      await admin.succeeded();
      oneTimePassword = /one-time password: (\S+)/.exec(admin.output())?.[1];
      if (!oneTimePassword)
        throw new Error(`gateway --create-admin printed no one-time password:\n${admin.output()}`);
    }

    const services = SERVICES.filter((s) => !skipped.has(s));
    const demoTraffic = async (state: DemoState): Promise<DemoTraffic> => {
      const created = new DemoTraffic({
        cameraPushUrl: `http://127.0.0.1:${config.ports.cameraPush}`,
        gatewayUrl: `http://127.0.0.1:${config.ports.gateway}`,
        state,
        intervalMs: config.demo.intervalMs,
        alertAfterMs: config.demo.alertAfterMs,
        report,
      });
      running.onStop(() => created.stop());
      // barrier-control's lanes: the demo cameras' barriers, whose ports are known once they run.
      await writeFile(machine.files.gates, JSON.stringify(await created.barriers(), null, 2));
      return created;
    };

    let state: DemoState | undefined;
    if (demo && !oneTimePassword) {
      state = JSON.parse(await readFile(join(home.secrets, DEMO_STATE), 'utf8')) as DemoState;
      traffic = await demoTraffic(state);
    }
    if (demo && oneTimePassword) {
      // The demo's cameras are registered through the running services: barrier-control comes after.
      const first = services.filter((s) => s !== 'barrier-control');
      report(`starting ${first.join(', ')}…`);
      await Promise.all(first.map((service) => startService(service)));
      state = await seedDemo(`http://127.0.0.1:${config.ports.gateway}`, oneTimePassword);
      await writeFile(join(home.secrets, DEMO_STATE), JSON.stringify(state, null, 2), { mode: 0o600 });
      report(
        `demo city seeded: enterprise ${DEMO_ENTERPRISE}, 2 gates, 4 lanes, ${state.accounts.length} logins`,
      );
      traffic = await demoTraffic(state);
      await startService('barrier-control');
    } else {
      report(`starting ${services.join(', ')}…`);
      await Promise.all(services.map((service) => startService(service)));
    }
    await traffic?.start();

    return {
      url: `http://127.0.0.1:${config.ports.gateway}`,
      home,
      ...(state && traffic ? { demo: { state, traffic } } : {}),
      platformSimulator: platform.simulated,
      stageLookupSimulator: stageLookup.simulated,
      skipped,
      stop,
    };

    async function startService(service: Service): Promise<void> {
      const started = Date.now();
      const process = await child(service, entryOf(service), serviceEnv(service, machine), [], (line) => {
        // Model loading is the slow part of a start: each model is named as it is ready.
        if (line.msg === 'model loaded and verified')
          report(`${service}: model ${String(line['model'])} loaded (${String(line['ms'])} ms)`);
      });
      await process.waitFor((line) => line.msg === `${service} ready`, READY_TIMEOUT_MS);
      report(`${service} ready (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }
  } catch (error) {
    // A child that exited because Ctrl-C stopped it is not the reason: the interruption is.
    const interrupted = running.stopping;
    await stop();
    throw interrupted ? new StartInterrupted() : error;
  }
}

/** Ctrl-C came while starting: what had started is stopped, and the start ends here. */
export class StartInterrupted extends Error {
  constructor() {
    super('stopped while starting');
    this.name = 'StartInterrupted';
  }
}

/**
 * What runs: the processes (PostgreSQL first), the demo's cameras. `stop()` may come at any time,
 * also in the middle of the start (Ctrl-C): services first, in parallel, then the database.
 */
export class Running {
  private readonly children: Child[] = [];
  private readonly hooks: (() => Promise<void> | undefined)[] = [];
  private processes?: ProcessFile;
  private stopped?: Promise<void>;

  get stopping(): boolean {
    return this.stopped !== undefined;
  }

  attach(processes: ProcessFile): void {
    this.processes = processes;
  }

  /** Long-running processes are recorded, so that a crashed launcher's next start can stop them. */
  async add(child: Child, longRunning: boolean): Promise<void> {
    this.children.push(child);
    if (longRunning) await this.processes?.record(child.options.name, child.pid);
  }

  onStop(hook: () => Promise<void> | undefined): void {
    this.hooks.push(hook);
  }

  stop(): Promise<void> {
    this.stopped ??= (async () => {
      for (const hook of this.hooks) await hook();
      const [postgres, ...others] = this.children;
      await Promise.all(others.map((child) => child.stop()));
      await postgres?.stop(30_000);
      await this.processes?.clear();
    })();
    return this.stopped;
  }
}

type Spawn = (name: string, entry: string, env: Record<string, string>, args?: string[]) => Promise<Child>;

/**
 * The province's platform is not reachable from a demo or a developer's machine: the platform
 * simulator (the vendor's protocol) stands in, with an app id and secret of its own.
 */
async function startPlatformSimulator(
  home: EcogateHome,
  child: Spawn,
  demo: boolean,
  gatewayPort: number,
): Promise<{ target: PlatformTarget; simulated: true }> {
  const secret = await home.secret('platform-simulator-secret', () => randomSecret());
  const [http, admin, tcp] = [300, 301, 302].map((offset) => gatewayPort + offset) as [
    number,
    number,
    number,
  ];
  for (const port of [http, admin, tcp]) await assertServicePortFree(port);
  const simulator = await child('platform-simulator', 'apps/platform-simulator/src/main.ts', {
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: String(http),
    SIM_ADMIN_PORT: String(admin),
    SIM_TCP_PORT: String(tcp),
    SIM_APPS: `ecogate-local:${secret}`,
    LOG_LEVEL: 'info',
  });
  await simulator.waitFor((line) => line.msg === 'ready', READY_TIMEOUT_MS);
  return {
    simulated: true,
    target: {
      url: `http://127.0.0.1:${http}`,
      appId: 'ecogate-local',
      secret,
      enterpriseCodes: demo ? `${DEMO_ENTERPRISE}:${DEMO_PLATFORM_CODE}` : '',
    },
  };
}

/**
 * Like the platform: the city's stage-lookup source is not reachable from a demo or a developer's
 * machine, so the reference simulator (docs/stage-lookup.md) stands in, with a token of its own
 * and, for the demo, the demo trucks' records.
 */
async function startStageLookupSimulator(
  home: EcogateHome,
  child: Spawn,
  demo: boolean,
  gatewayPort: number,
): Promise<{ target: StageLookupTarget; simulated: true }> {
  const token = await home.secret('stage-lookup-token', () => randomSecret());
  const credentialsFile = await home.secretFile('stage-lookup-credentials.json', () =>
    JSON.stringify({ token }),
  );
  const clientsFile = await home.secretFile('stage-lookup-simulator-clients.json', () =>
    JSON.stringify({ tokens: [token] }),
  );
  const recordsFile = join(home.root, 'stage-lookup-records.json');
  // Rewritten each start: the demo's records, or none (a real site's vehicles are the city's to know).
  const records = demo
    ? DEMO_TRUCKS.flatMap((truck, index) =>
        truck.stage === 'electric' || truck.stage === 'none'
          ? []
          : [
              {
                recordId: `demo-${index + 1}`,
                stage: truck.stage,
                fuel: truck.fuel,
                vehicleType: 'heavy-truck',
                disclosureNumber: null,
                vin: demoVin(index),
                updatedAt: '2024-01-01T00:00:00+08:00',
              },
            ],
      )
    : [];
  await writeFile(recordsFile, JSON.stringify(records, null, 2));
  const port = gatewayPort + 303;
  await assertServicePortFree(port);
  const simulator = await child('stage-lookup-simulator', 'apps/stage-lookup-simulator/src/main.ts', {
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: String(port),
    STAGE_SIM_CLIENTS_FILE: clientsFile,
    STAGE_SIM_RECORDS_FILE: recordsFile,
    LOG_LEVEL: 'info',
  });
  await simulator.waitFor((line) => line.msg === 'ready', READY_TIMEOUT_MS);
  return { simulated: true, target: { url: `http://127.0.0.1:${port}`, credentialsFile } };
}

async function machineSettings(
  config: LauncherConfig,
  home: EcogateHome,
  databaseUrl: (database: string) => string,
  platform: PlatformTarget,
  stageLookup: StageLookupTarget,
): Promise<MachineSettings> {
  const serviceKeys = await home.serviceKeys();
  const files = {
    // The demo's lanes are rewritten each start (its cameras' barrier ports change); a site's own is the operator's.
    gates: join(home.root, 'gates.json'),
    cameras: join(home.root, 'cameras.json'),
  };
  if (!existsSync(files.gates)) await writeFile(files.gates, JSON.stringify({ enterprises: [] }, null, 2));
  if (!existsSync(files.cameras)) await writeFile(files.cameras, JSON.stringify({ cameras: [] }, null, 2));
  return {
    home: home.root,
    ports: await ports(config),
    databaseUrl,
    secrets: {
      gatewaySigningKeyFile: await home.gatewaySigningKey(),
      ledgerChainKeyFile: await home.ledgerChainKey(),
      serviceKeysFile: serviceKeys.keysFile,
      serviceKeyFile: serviceKeys.keyFile,
      signedLinkSecret: await home.secret('signed-link-secret', () => randomSecret()),
      deviceCredentialsKey: await home.secret('device-credentials-key', () =>
        Buffer.from(randomSecret(32), 'base64url').toString('base64'),
      ),
    },
    files,
    platform,
    stageLookup,
    logLevel: config.logLevel,
    videoTools: ['ffmpeg', 'ffprobe'].every(runs),
  };
}

/** Whether a program of the PATH starts (`-version`); `npm start` also runs where only Node.js is. */
function runs(program: string): boolean {
  return spawnSync(program, ['-version'], { stdio: 'ignore', timeout: 10_000 }).status === 0;
}

/**
 * The public ports from the configuration; the services' own in a block above the gateway's
 * (ECOGATE_PORT+100…, metrics +200…), below the kernel's ephemeral range: a port the kernel picks
 * for an outgoing connection could otherwise take a service's port between check and listen.
 */
async function ports(config: LauncherConfig): Promise<Ports> {
  const base = config.ports.gateway;
  const names = [...SERVICES, 'gateway-internal', 'camera-ingest-api'];
  const internal = Object.fromEntries(names.map((name, i) => [name, base + 100 + i]));
  const metrics = Object.fromEntries(SERVICES.map((name, i) => [name, base + 200 + i]));
  for (const port of [...Object.values(internal), ...Object.values(metrics)])
    await assertServicePortFree(port);
  return {
    gateway: config.ports.gateway,
    cameraPush: config.ports.cameraPush,
    internal: internal as Ports['internal'],
    metrics: metrics as Ports['metrics'],
  };
}
