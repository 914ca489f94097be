/** Thrown at boot when the environment is invalid; names every bad variable so the operator can fix them at once. */
export class ConfigError extends Error {
  readonly code = 'invalid-config';

  constructor(readonly problems: readonly { variable: string; reason: string }[]) {
    super(`Invalid configuration: ${problems.map((p) => `${p.variable}: ${p.reason}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}
