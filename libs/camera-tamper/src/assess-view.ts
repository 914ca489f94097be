import { BLOCK_SIZE, greyFrame } from './image/grey-frame';
import { analyseFrame, blockTexture, edgeMask } from './image/frame-analysis';
import { median } from './image/filters';
import { EdgeOverlap, type Overlap } from './edge-overlap';
import { DEFAULT_TAMPER_THRESHOLDS, type TamperThresholds } from './thresholds';
import type { TamperKind, ViewAssessment, ViewSignature } from './types';
import { unpackBits } from './view-signature';

/**
 * Share of the current frame's pixels taken as its edges: more than the reference keeps, so a
 * reference edge that got a little weaker (night, rain) is still found.
 */
const CURRENT_EDGE_SHARE = 0.15;

/**
 * A reference with fewer textured blocks than this share (a blank wall, a view taken in the dark
 * or already covered) cannot tell a moved or covered view from an unmoved one.
 */
const MIN_REFERENCE_TEXTURED_SHARE = 0.1;

/** The reference signature is not one this version can compare with (corrupt, or another version). */
export class ViewSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ViewSignatureError';
  }
}

/**
 * Compares a current frame with the reference view. Checks run from the most to the least
 * specific: too dark (nothing to judge), covered (part of the view flat while the rest still
 * matches), blurred (sharpness down everywhere), shifted (edges no longer where they were).
 */
export async function assessView(
  reference: ViewSignature,
  current: Buffer,
  options?: Partial<TamperThresholds>,
): Promise<ViewAssessment> {
  checkSignature(reference);
  const t: TamperThresholds = { ...DEFAULT_TAMPER_THRESHOLDS, ...options };
  const now = analyseFrame(await greyFrame(current, { width: reference.width, height: reference.height }));
  const { width, height, gridColumns } = reference;
  const scores: Record<string, number> = {
    brightness: round(now.brightness),
    highlight: round(now.highlight),
  };
  const verdict = (kind: TamperKind | null, reason: string): ViewAssessment => ({ kind, scores, reason });

  if (now.highlight < t.minHighlight) {
    return verdict(
      'too-dark',
      `too dark: the brightest part of the view is at ${Math.round(now.highlight)}/255`,
    );
  }

  // Covered blocks: textured in the reference, flat now.
  const textured = reference.blockTexture.map(
    (tex, b) => tex >= t.minBlockTexture && (reference.blockEdgeDensity[b] ?? 0) >= t.minBlockEdgeDensity,
  );
  const covered = now.blocks.map(
    (block, b) =>
      (textured[b] ?? false) && blockTexture(block) < t.coveredBlockRatio * (reference.blockTexture[b] ?? 0),
  );
  const texturedCount = textured.filter(Boolean).length;
  scores['referenceTexturedShare'] = round(texturedCount / textured.length);
  if (texturedCount < MIN_REFERENCE_TEXTURED_SHARE * textured.length) {
    // Nothing to compare with: saying "shifted" or "covered" here would be a guess.
    return verdict(null, 'not judged: the reference view has too little structure; retake it in good light');
  }
  const coveredShare = texturedCount === 0 ? 0 : covered.filter(Boolean).length / texturedCount;
  scores['coveredShare'] = round(coveredShare);

  // Sharpness where the view is not covered, relative to the reference block by block.
  const sharpnessRatios = now.blocks.flatMap((block, b) =>
    textured[b] && !covered[b] && blockTexture(block) >= t.minBlockTexture
      ? [block.sharpness / Math.max(1e-3, reference.blockSharpness[b] ?? 0)]
      : [],
  );
  const sharpnessRatio = sharpnessRatios.length === 0 ? 0 : median(sharpnessRatios);
  scores['sharpnessRatio'] = round(sharpnessRatio);

  const referenceEdges = unpackBits(reference.edges, width * height);
  const allEdges = EdgeOverlap.edgePixels(referenceEdges);
  const overlap = new EdgeOverlap(edgeMask(now, CURRENT_EDGE_SHARE), width, height);
  const blockOf = (i: number) =>
    Math.floor(Math.floor(i / width) / BLOCK_SIZE) * gridColumns + Math.floor((i % width) / BLOCK_SIZE);
  // The rest of the view, away from the cover: a block beside it is often partly covered too.
  const nearCover = covered.map((_, b) => nearAny(covered, b, gridColumns, reference.gridRows));
  const uncoveredEdges = EdgeOverlap.edgePixels(referenceEdges, (i) => !nearCover[blockOf(i)]);
  const inPlace = overlap.at(allEdges, 0, 0);
  const restInPlace = overlap.at(uncoveredEdges, 0, 0);
  scores['edgeOverlap'] = round(inPlace.score);
  scores['uncoveredEdgeOverlap'] = round(restInPlace.score);

  if (coveredShare > t.maxCoveredShare) {
    // A zoom or re-aim also brings flat areas where the reference had texture: a cover leaves the rest in place.
    const restAsCommissioned =
      uncoveredEdges.length < 0.1 * allEdges.length ||
      (restInPlace.score >= t.minUncoveredEdgeOverlap &&
        sharpnessRatio >= t.minSharpnessRatio &&
        !movedBy(overlap.best(uncoveredEdges, t.maxShiftSearch), restInPlace, t) &&
        movedTileShare(overlap, uncoveredEdges, width, height, t) <= t.maxMovedTileShare);
    if (restAsCommissioned) {
      return verdict(
        'covered',
        `covered: ${pct(coveredShare)} of the textured view is flat, the rest is in place`,
      );
    }
  }
  if (sharpnessRatio < t.minSharpnessRatio) {
    return verdict('blurred', `out of focus: sharpness at ${pct(sharpnessRatio)} of the reference`);
  }
  const best = overlap.best(allEdges, t.maxShiftSearch);
  scores['bestOffsetX'] = best.dx;
  scores['bestOffsetY'] = best.dy;
  scores['bestOffsetOverlap'] = round(best.score);
  if (inPlace.score < t.minEdgeOverlap) {
    const moved =
      best.score >= t.minEdgeOverlap
        ? `, the view moved by about (${best.dx}, ${best.dy}) px of ${width}`
        : '';
    return verdict(
      'shifted',
      `scene shifted: ${pct(inPlace.score)} of reference edges found in place${moved}`,
    );
  }
  if (movedBy(best, inPlace, t)) {
    return verdict(
      'shifted',
      `scene shifted by about (${best.dx}, ${best.dy}) px of ${width}: edges match there, not in place`,
    );
  }
  // Away from any cover: a cover's outline can line up with reference edges at some offset.
  const movedShare = movedTileShare(overlap, uncoveredEdges, width, height, t);
  scores['movedTileShare'] = round(movedShare);
  if (movedShare > t.maxMovedTileShare) {
    return verdict(
      'shifted',
      `scene shifted: ${pct(movedShare)} of the view's parts moved (rotated or zoomed)`,
    );
  }
  if (coveredShare > t.maxCoveredShare) {
    return verdict('covered', `covered: ${pct(coveredShare)} of the textured view is flat`);
  }
  return verdict(null, `as commissioned: ${pct(inPlace.score)} of reference edges in place`);
}

/** Tiles of a 3×3 grid with enough reference edges whose edges match clearly better at another offset. */
function movedTileShare(
  overlap: EdgeOverlap,
  edges: Int32Array,
  width: number,
  height: number,
  t: TamperThresholds,
): number {
  const tiles: number[][] = Array.from({ length: 9 }, () => []);
  for (const i of edges) {
    const tx = Math.min(2, Math.floor(((i % width) * 3) / width));
    const ty = Math.min(2, Math.floor((Math.floor(i / width) * 3) / height));
    tiles[ty * 3 + tx]?.push(i);
  }
  let counted = 0;
  let moved = 0;
  for (const tile of tiles) {
    if (tile.length < MIN_TILE_EDGES) continue;
    const tileEdges = Int32Array.from(tile);
    counted++;
    if (movedBy(overlap.best(tileEdges, t.maxShiftSearch), overlap.at(tileEdges, 0, 0), t)) moved++;
  }
  // One tile alone is not a rotation or zoom (those move several), and can be an accident of a scene
  // with few tiles left to judge beside a cover.
  return moved < 2 ? 0 : moved / counted;
}

/** Whether the best offset is far enough from in place, and explains the edges clearly better, to be a move. */
function movedBy(best: Overlap, inPlace: Overlap, t: TamperThresholds): boolean {
  return (
    Math.max(Math.abs(best.dx), Math.abs(best.dy)) >= t.minShiftPixels &&
    best.score - inPlace.score >= t.minShiftGain
  );
}

/** Whether block b or one of its 8 neighbours is set. */
function nearAny(set: readonly boolean[], b: number, columns: number, rows: number): boolean {
  const bx = b % columns;
  const by = Math.floor(b / columns);
  for (let y = Math.max(0, by - 1); y <= Math.min(rows - 1, by + 1); y++) {
    for (let x = Math.max(0, bx - 1); x <= Math.min(columns - 1, bx + 1); x++)
      if (set[y * columns + x]) return true;
  }
  return false;
}

/** A tile with fewer reference edges than this (sky, a wall) says nothing about movement. */
const MIN_TILE_EDGES = 40;

function checkSignature(s: ViewSignature): void {
  const blocks = s.gridColumns * s.gridRows;
  const ok =
    s.version === 1 &&
    Number.isInteger(s.width) &&
    Number.isInteger(s.height) &&
    s.width >= BLOCK_SIZE &&
    s.height >= BLOCK_SIZE &&
    s.gridColumns === Math.floor(s.width / BLOCK_SIZE) &&
    s.gridRows === Math.floor(s.height / BLOCK_SIZE) &&
    s.blockTexture?.length === blocks &&
    s.blockSharpness?.length === blocks &&
    s.blockEdgeDensity?.length === blocks &&
    typeof s.edges === 'string' &&
    Buffer.from(s.edges, 'base64').length === Math.ceil((s.width * s.height) / 8);
  if (!ok)
    throw new ViewSignatureError(
      'reference view signature is malformed or of another version; retake the reference view',
    );
}

const round = (v: number) => Math.round(v * 1000) / 1000;
const pct = (v: number) => `${Math.round(v * 100)} %`;
