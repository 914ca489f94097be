import { spawnSync } from 'node:child_process';

/**
 * What a service needs beyond JavaScript: a native addon (its binary must match the platform), a
 * program it runs, a model file. Missing in an image, it would otherwise fail late (at the first
 * camera, the first login) or with a stack trace from deep inside a library.
 */
export interface NativePart {
  readonly name: string;
  /** What was found (version, path); throws with the reason when the part is missing or broken. */
  probe(): string;
}

/** A native addon: loading it proves its binary is there and fits this platform. */
export function nativeModule<T>(
  name: string,
  load: () => T,
  describe: (loaded: T) => string = () => 'loaded',
): NativePart {
  return { name, probe: () => describe(load()) };
}

/** A program the service runs: `<command> -version` must exit 0 (its first line is the detail). */
export function program(name: string, command: string, variable: string): NativePart {
  return {
    name,
    probe: () => {
      const run = spawnSync(command, ['-version'], { encoding: 'utf8', timeout: 10_000 });
      if (run.error)
        throw new Error(`${command} cannot run (${run.error.message}): install it or set ${variable}`);
      if (run.status !== 0) throw new Error(`${command} -version exited ${run.status}: ${run.stderr.trim()}`);
      return (run.stdout.split('\n')[0] ?? command).replace(/ Copyright.*$/, '');
    },
  };
}

export class NativePartsMissing extends Error {
  constructor(
    readonly service: string,
    readonly failures: readonly string[],
  ) {
    super(`${service} cannot start: ${failures.join('; ')}`);
    this.name = 'NativePartsMissing';
  }
}

/** Probes every part; throws `NativePartsMissing` naming each one that failed, else returns what was found. */
export function probeNativeParts(service: string, parts: readonly NativePart[]): string[] {
  const found: string[] = [];
  const failures: string[] = [];
  for (const part of parts) {
    try {
      found.push(`${part.name}: ${part.probe()}`);
    } catch (error) {
      failures.push(`${part.name} is missing or broken: ${reason(error)}`);
    }
  }
  if (failures.length > 0) throw new NativePartsMissing(service, failures);
  return found;
}

/** The message of anything thrown (an addon's loader may throw an error of another realm). */
function reason(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string')
    return error.message;
  return String(error);
}

interface Exit {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly exit: (code: number) => void;
}

const processExit: Exit = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  exit: (code) => process.exit(code),
};

/**
 * A service's first import calls this: its native addons are loaded before any other module
 * needs them, so a missing one ends the start at once (exit 1), named, with the reason on stderr.
 */
export function requireNativeParts(
  service: string,
  parts: readonly NativePart[],
  io: Exit = processExit,
): void {
  try {
    probeNativeParts(service, parts);
  } catch (error) {
    io.stderr(`${reason(error)}\n`);
    io.exit(1);
  }
}

/** `--check`: the image's smoke test. Every module of the service has loaded once this runs. */
export const CHECK_FLAG = '--check';

/**
 * Runs the parts' probes and the service's own deeper checks (e.g. its models), prints one line
 * per finding and exits: 0 when all passed, 1 with the reasons otherwise. Needs no database,
 * broker or other service.
 */
export async function runCheck(
  service: string,
  parts: readonly NativePart[],
  deeper: () => Promise<readonly string[]> = () => Promise.resolve([]),
  io: Exit = processExit,
): Promise<void> {
  try {
    const found = [...probeNativeParts(service, parts), ...(await deeper())];
    io.stdout(
      `${service} ${CHECK_FLAG}: ok (node ${process.version}, every module loaded)\n${found.map((line) => `  ${line}\n`).join('')}`,
    );
    io.exit(0);
  } catch (error) {
    const why = error instanceof NativePartsMissing ? error.failures.join('; ') : reason(error);
    io.stderr(`${service} ${CHECK_FLAG}: ${why}\n`);
    io.exit(1);
  }
}
