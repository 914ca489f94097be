/** Size limits and timing the HTTP controllers need; a class so Nest can inject it by token. */
export class SimulatorLimits {
  constructor(
    readonly maxBodyBytes: number,
    readonly heartbeatIntervalMs: number,
  ) {}
}
