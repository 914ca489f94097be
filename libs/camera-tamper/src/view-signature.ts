import { BLOCK_SIZE, greyFrame } from './image/grey-frame';
import { analyseFrame, blockTexture, edgeMask, type FrameAnalysis } from './image/frame-analysis';
import { median } from './image/filters';
import { DEFAULT_TAMPER_THRESHOLDS } from './thresholds';
import type { ViewSignature } from './types';

/** Share of the working pixels kept as reference edges: the strongest, most stable structure. */
export const REFERENCE_EDGE_SHARE = 0.1;

export async function viewSignature(jpegOrPng: Buffer): Promise<ViewSignature> {
  return signatureOf(analyseFrame(await greyFrame(jpegOrPng)));
}

export function signatureOf(analysis: FrameAnalysis): ViewSignature {
  const edges = edgeMask(analysis, REFERENCE_EDGE_SHARE);
  const { width, gridColumns, gridRows, blocks } = analysis;
  const blockEdgeDensity = blocks.map((_, b) => {
    const bx = (b % gridColumns) * BLOCK_SIZE;
    const by = Math.floor(b / gridColumns) * BLOCK_SIZE;
    let n = 0;
    for (let y = by; y < by + BLOCK_SIZE; y++) {
      for (let x = bx; x < bx + BLOCK_SIZE; x++) n += edges[y * width + x] ?? 0;
    }
    return round(n / (BLOCK_SIZE * BLOCK_SIZE));
  });
  const blockTextures = blocks.map((b) => round(blockTexture(b)));
  return {
    version: 1,
    width: analysis.width,
    height: analysis.height,
    edges: packBits(edges),
    gridColumns,
    gridRows,
    blockEdgeDensity,
    blockTexture: blockTextures,
    blockSharpness: blocks.map((b) => round(b.sharpness)),
    // A summary for people and logs; assessView compares block by block.
    sharpness: round(
      median(
        blocks
          .filter((_, i) => (blockTextures[i] ?? 0) >= DEFAULT_TAMPER_THRESHOLDS.minBlockTexture)
          .map((b) => b.sharpness),
      ),
    ),
    brightness: round(analysis.brightness),
    contrast: round(analysis.contrast),
  };
}

const round = (v: number) => (Number.isFinite(v) ? Math.round(v * 1000) / 1000 : 0);

export function packBits(mask: Uint8Array): string {
  const bytes = Buffer.alloc(Math.ceil(mask.length / 8));
  mask.forEach((bit, i) => {
    if (bit) bytes[i >> 3] = (bytes[i >> 3] ?? 0) | (0x80 >> (i & 7));
  });
  return bytes.toString('base64');
}

export function unpackBits(packed: string, length: number): Uint8Array {
  const bytes = Buffer.from(packed, 'base64');
  const mask = new Uint8Array(length);
  for (let i = 0; i < length; i++) mask[i] = ((bytes[i >> 3] ?? 0) >> (7 - (i & 7))) & 1;
  return mask;
}
