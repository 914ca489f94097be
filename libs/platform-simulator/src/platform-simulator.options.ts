import { Secret } from '@ecogate/config';
import { DEFAULT_MAX_FRAME_BYTES, SIGN_METHODS, type SignMethod } from '@ecogate/platform-protocol';
import { type Logger } from '@ecogate/telemetry';

export interface PlatformSimulatorOptions {
  /** appId → secret. Tests pass plain strings; the standalone app passes `Secret`s from its config. */
  apps: Readonly<Record<string, string | Secret>>;
  /** Interface for all listeners; 127.0.0.1 by default. */
  host?: string;
  /** Platform API port; 0 (the default) lets the OS pick one. */
  httpPort?: number;
  /** Control API (`/_sim/*`) port, separate so it stays reachable while the platform is `down`. */
  adminPort?: number;
  tcpPort?: number;
  signMethods?: readonly SignMethod[];
  timestampWindowMs?: number;
  heartbeatIntervalMs?: number;
  maxRecords?: number;
  maxSerials?: number;
  maxBodyBytes?: number;
  maxFrameBytes?: number;
  /** Seeds the fault draws (a seed in `PUT /_sim/faults` re-seeds). */
  faultSeed?: number;
  logger?: Logger;
  /** Used when no logger is given; `silent` suits tests. */
  logLevel?: string;
}

export type ResolvedSimulatorOptions = Required<
  Omit<PlatformSimulatorOptions, 'apps' | 'faultSeed' | 'logger'>
> & {
  apps: ReadonlyMap<string, Secret>;
  faultSeed: number | undefined;
  logger: Logger | undefined;
};

export function resolveOptions(options: PlatformSimulatorOptions): ResolvedSimulatorOptions {
  return {
    apps: new Map(
      Object.entries(options.apps).map(([appId, secret]) => [
        appId,
        typeof secret === 'string' ? new Secret(secret) : secret,
      ]),
    ),
    host: options.host ?? '127.0.0.1',
    httpPort: options.httpPort ?? 0,
    adminPort: options.adminPort ?? 0,
    tcpPort: options.tcpPort ?? 0,
    signMethods: options.signMethods ?? SIGN_METHODS,
    timestampWindowMs: options.timestampWindowMs ?? 300_000,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 30_000,
    maxRecords: options.maxRecords ?? 10_000,
    maxSerials: options.maxSerials ?? 100_000,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_FRAME_BYTES,
    maxFrameBytes: options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES,
    faultSeed: options.faultSeed,
    logger: options.logger,
    logLevel: options.logLevel ?? 'info',
  };
}
