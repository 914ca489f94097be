import { type FaultMode, type FaultSettings, NO_FAULTS } from './fault-settings.schema';
import { type SimulatorStats } from '../state/simulator-stats';

/** Mulberry32: a tiny seeded PRNG, good enough to pick which requests fail, reproducibly. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Holds the current fault settings and decides, request by request, whether to inject one. */
export class FaultInjector {
  #settings: FaultSettings = NO_FAULTS;
  #random: () => number;

  constructor(
    private readonly stats: SimulatorStats,
    seed?: number,
  ) {
    this.#random = seed === undefined ? Math.random : mulberry32(seed);
  }

  get settings(): FaultSettings {
    return this.#settings;
  }

  configure(settings: FaultSettings): void {
    this.#settings = settings;
    if (settings.seed !== undefined) this.#random = mulberry32(settings.seed);
  }

  /** The fault for this request, counted in the stats, or `undefined` to answer normally. */
  draw(): FaultMode | undefined {
    const { failRate, mode } = this.#settings;
    if (mode === undefined || failRate === 0) return undefined;
    if (failRate < 1 && this.#random() >= failRate) return undefined;
    this.stats.injectedFaults[mode] += 1;
    return mode;
  }
}
