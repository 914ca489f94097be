import { type Transport } from './record-store';

export interface EnterpriseLiveness {
  enterpriseCode: string;
  via: Transport;
  lastHeartbeatAt: string;
  alive: boolean;
}

/**
 * How the platform judges an enterprise system alive: by its heartbeats alone. An enterprise
 * counts as alive while its last heartbeat is younger than three intervals, which tolerates two
 * lost heartbeats.
 */
export class LivenessTracker {
  readonly #last = new Map<string, { at: number; via: Transport }>();

  constructor(readonly heartbeatIntervalMs: number) {}

  get deadAfterMs(): number {
    return 3 * this.heartbeatIntervalMs;
  }

  beat(enterpriseCode: string, via: Transport, nowMs: number): void {
    this.#last.set(enterpriseCode, { at: nowMs, via });
  }

  snapshot(nowMs: number): EnterpriseLiveness[] {
    return [...this.#last].map(([enterpriseCode, { at, via }]) => ({
      enterpriseCode,
      via,
      lastHeartbeatAt: new Date(at).toISOString(),
      alive: nowMs - at <= this.deadAfterMs,
    }));
  }

  clear(): void {
    this.#last.clear();
  }
}
