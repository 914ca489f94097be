/** Why delivery to the platform is stopped, if it is: shown by the operator API and the metric. */
export interface PlatformHalt {
  readonly code: string;
  readonly message: string;
  readonly since: string;
}

/** Shared by the dispatcher (sets it) and the operator API (shows and clears it). */
export class PlatformStatus {
  #halt: PlatformHalt | undefined;
  #lastHeartbeat: { at: string; ok: boolean; error?: string } | undefined;

  halt(code: string, message: string): void {
    this.#halt ??= { code, message, since: new Date().toISOString() };
  }

  resume(): void {
    this.#halt = undefined;
  }

  get halted(): PlatformHalt | undefined {
    return this.#halt;
  }

  recordHeartbeat(ok: boolean, error?: string): void {
    this.#lastHeartbeat = { at: new Date().toISOString(), ok, ...(error ? { error } : {}) };
  }

  get lastHeartbeat(): { at: string; ok: boolean; error?: string } | undefined {
    return this.#lastHeartbeat;
  }
}
