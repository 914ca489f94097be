import { dilate } from './image/filters';

// Math's functions as locals: these run per pixel, and a global lookup is slow inside a vm sandbox (Jest).
const { floor } = Math;

/** How well the reference edges are explained by the current frame's edges at one offset. */
export interface Overlap {
  readonly dx: number;
  readonly dy: number;
  /** Chance-corrected share of reference edges with a current edge within a pixel: 1 all, 0 chance. */
  readonly score: number;
}

/**
 * Compares reference edges with the current frame's edges, dilated by one pixel so jitter of a
 * pixel or two does not count. The raw hit share is corrected for chance (a dense current edge
 * map would explain anything): (hits - c) / (1 - c), c = the share of the frame the dilated map covers.
 */
export class EdgeOverlap {
  private readonly near: Uint8Array;
  private readonly chance: number;

  constructor(
    current: Uint8Array,
    private readonly width: number,
    private readonly height: number,
  ) {
    this.near = dilate(current, width, height, 1);
    this.chance = this.near.reduce((n, v) => n + v, 0) / this.near.length;
  }

  /** Reference edges as pixel indices, optionally only those inside `keep` (a pixel mask). */
  static edgePixels(reference: Uint8Array, keep?: (index: number) => boolean): Int32Array {
    const out: number[] = [];
    reference.forEach((bit, i) => {
      if (bit && (!keep || keep(i))) out.push(i);
    });
    return Int32Array.from(out);
  }

  at(edges: Int32Array, dx: number, dy: number): Overlap {
    let hits = 0;
    let counted = 0;
    for (const i of edges) {
      const x = (i % this.width) + dx;
      const y = floor(i / this.width) + dy;
      if (x < 0 || y < 0 || x >= this.width || y >= this.height) continue;
      counted++;
      hits += this.near[y * this.width + x] ?? 0;
    }
    const share = counted === 0 ? 0 : hits / counted;
    const score = this.chance >= 1 ? 0 : (share - this.chance) / (1 - this.chance);
    return { dx, dy, score };
  }

  /**
   * The best offset within ±range: every second offset first (the dilated map already forgives
   * one pixel, so none is missed), then its 8 neighbours. Ties go to the offset found first,
   * in place before any other.
   */
  best(edges: Int32Array, range: number): Overlap {
    let best = this.at(edges, 0, 0);
    const consider = (dx: number, dy: number) => {
      if (dx === 0 && dy === 0) return;
      const o = this.at(edges, dx, dy);
      if (o.score > best.score) best = o;
    };
    for (let dy = -range; dy <= range; dy += 2) for (let dx = -range; dx <= range; dx += 2) consider(dx, dy);
    const { dx: cx, dy: cy } = best;
    for (let dy = cy - 1; dy <= cy + 1; dy++) for (let dx = cx - 1; dx <= cx + 1; dx++) consider(dx, dy);
    return best;
  }
}
