import { parsePlate, type SettledBy } from '../plate';

/** Only a `trusted` read may lift a barrier; anything doubtful goes to a person. */
export type ReadVerdict = 'trusted' | 'needs-review';

/** One read as the fusion rule sees it: the camera's own, or one of the server's. */
export interface ReadToFuse {
  readonly text: string;
  readonly verdict: ReadVerdict;
  readonly colour?: string;
  readonly confidence?: number;
  /** Server reads: plate width in pixels, to pick the nearest plate when several were read. */
  readonly widthPx?: number;
  /** Server reads the site's known plates settled: the recogniser's own text, and what settled it (kept, not fused). */
  readonly rawText?: string;
  readonly settledBy?: SettledBy;
}

export type FusionOutcome = 'agree' | 'disagree' | 'server-only' | 'camera-only' | 'none';

export type FusionReason =
  'readers-disagree' | 'both-reads-doubtful' | 'camera-read-doubtful' | 'server-read-doubtful';

export interface FusionDecision {
  readonly outcome: FusionOutcome;
  /** Undefined only for `none`: nothing to admit or review. */
  readonly verdict?: ReadVerdict;
  /** The plate text to act on; on disagreement the camera's, but both are kept for the reviewer. */
  readonly text?: string;
  readonly reasons: readonly FusionReason[];
  readonly camera?: ReadToFuse;
  readonly server?: ReadToFuse;
}

/**
 * Fuses the camera's own read with the server's reads of the same snapshot (a pure rule):
 *
 * | camera | server            | outcome     | verdict                                               |
 * |--------|-------------------|-------------|-------------------------------------------------------|
 * | —      | —                 | none        | —                                                     |
 * | read   | —                 | camera-only | the camera read's verdict                             |
 * | —      | read(s)           | server-only | the server read's verdict                             |
 * | read   | same text         | agree       | trusted if either read is trusted (two independent    |
 * |        |                   |             | readers agreeing), else needs-review                  |
 * | read   | only other texts  | disagree    | needs-review, both reads kept, camera text to act on  |
 *
 * Texts are compared in the domain's canonical spelling. Among several server plates, the one
 * equal to the camera's is paired; otherwise the trusted, then the widest (nearest) one.
 */
export function fuseReads(
  camera: ReadToFuse | undefined,
  serverReads: readonly ReadToFuse[],
): FusionDecision {
  const server =
    (camera && serverReads.find((r) => canonical(r.text) === canonical(camera.text))) ??
    preferred(serverReads);
  if (!camera && !server) return { outcome: 'none', reasons: [] };
  if (camera && !server) {
    return {
      outcome: 'camera-only',
      verdict: camera.verdict,
      text: camera.text,
      reasons: camera.verdict === 'trusted' ? [] : ['camera-read-doubtful'],
      camera,
    };
  }
  if (!camera && server) {
    return {
      outcome: 'server-only',
      verdict: server.verdict,
      text: server.text,
      reasons: server.verdict === 'trusted' ? [] : ['server-read-doubtful'],
      server,
    };
  }
  if (!camera || !server) return { outcome: 'none', reasons: [] }; // unreachable; keeps the types exact
  if (canonical(camera.text) === canonical(server.text)) {
    const trusted = camera.verdict === 'trusted' || server.verdict === 'trusted';
    return {
      outcome: 'agree',
      verdict: trusted ? 'trusted' : 'needs-review',
      text: canonical(camera.text),
      reasons: trusted ? [] : ['both-reads-doubtful'],
      camera,
      server,
    };
  }
  return {
    outcome: 'disagree',
    verdict: 'needs-review',
    text: camera.text,
    reasons: ['readers-disagree'],
    camera,
    server,
  };
}

function canonical(text: string): string {
  const parsed = parsePlate(text);
  return parsed.ok ? parsed.value.text : text.trim().toUpperCase();
}

function preferred(reads: readonly ReadToFuse[]): ReadToFuse | undefined {
  return [...reads].sort(
    (a, b) =>
      Number(b.verdict === 'trusted') - Number(a.verdict === 'trusted') ||
      (b.widthPx ?? 0) - (a.widthPx ?? 0),
  )[0];
}
