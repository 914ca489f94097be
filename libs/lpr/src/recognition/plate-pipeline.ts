import { joinDoubleRow } from '../image/double-row';
import { decodeImage, encodeJpeg } from '../image/image-decoder';
import { rectifiedSize, type Quad, warpPerspective } from '../image/perspective-warp';
import { padQuad, quadWidth } from '../image/quad-geometry';
import { type RawImage } from '../image/raw-image';
import {
  type CharacterRead,
  type PlateDetection,
  type PlateEngine,
  type PlateTextRecogniser,
  type TextRead,
} from '../engine/plate-engine.interface';
import { nonMaxSuppression } from '../yolo-plate-detector/non-max-suppression';
import { type PipelineOutcome, type PlateCandidate } from './plate-candidate';

export interface Framing {
  /** Margin added around the detected quad, as a fraction of plate width / height. */
  readonly horizontal: number;
  readonly vertical: number;
}

export interface PipelineOptions {
  readonly maxInputPixels: number;
  readonly decodeTimeoutSeconds: number;
  /**
   * Each plate is rectified once per framing and every crop is read; the reads are merged by
   * `consensus`. The first framing gives the returned crop and the colour, so it has a margin.
   */
  readonly framings: readonly Framing[];
  /** Framings for an input that is already a plate crop (insets: a crop has no margin to add). */
  readonly cropFramings: readonly Framing[];
  readonly cropJpegQuality: number;
  /** Detections below this score are dropped. */
  readonly minDetectionScore: number;
}

type SourcedDetection = PlateDetection & { readonly detector: string };

export type PipelineMode = 'scene' | 'crop';

// A gate photo shows one to three plates; a car park can show dozens. Reading the best 16 keeps
// the work (and the recogniser batches) bounded whatever the photo.
const MAX_PLATES_PER_IMAGE = 16;
// Lines per recogniser run: bounds the input tensor (64 × 3 × 48 × 168 floats ≈ 6 MB for the CRNN).
const MAX_BATCH = 64;

// A single-row plate is 440×140 mm (3.1:1), a double-row one 440×220 mm (2:1).
const DOUBLE_ROW_MAX_ASPECT = 2.6;

function wholeImage(image: RawImage): SourcedDetection {
  const w = image.width - 1;
  const h = image.height - 1;
  return {
    box: { x: 0, y: 0, width: image.width, height: image.height },
    corners: [
      { x: 0, y: 0 },
      { x: w, y: 0 },
      { x: w, y: h },
      { x: 0, y: h },
    ],
    score: 1,
    rows: image.width / image.height < DOUBLE_ROW_MAX_ASPECT ? 'double' : 'single',
    detector: 'none',
  };
}

/**
 * The CPU-heavy part of recognition, run inside a worker: bytes → decoded image → detections →
 * rectified crops → text and colour. It decides nothing about trust; `PlateReader` does.
 */
export class PlatePipeline {
  constructor(
    private readonly engine: PlateEngine,
    private readonly options: PipelineOptions,
  ) {
    if (options.framings.length === 0 || options.cropFramings.length === 0) {
      throw new Error('at least one framing is required');
    }
  }

  /**
   * `scene`: a whole photo, plates are detected. `crop`: the image is one plate (an ANPR camera's
   * plate crop); it goes straight to the recogniser, double-row when its aspect ratio says so.
   */
  async run(bytes: Uint8Array, mode: PipelineMode = 'scene'): Promise<PipelineOutcome> {
    const started = performance.now();
    const inferenceBefore = this.engine.inferenceMs();
    const decoded = await decodeImage(bytes, {
      maxPixels: this.options.maxInputPixels,
      timeoutSeconds: this.options.decodeTimeoutSeconds,
    });
    if (!decoded.ok) return { kind: 'unreadable-image', reason: decoded.reason, message: decoded.message };
    const image = decoded.image;
    const decodedAt = performance.now();

    const detections = mode === 'scene' ? await this.detect(image) : [wholeImage(image)];
    const detectedAt = performance.now();

    const candidates = await this.read(
      image,
      detections,
      mode === 'scene' ? this.options.framings : this.options.cropFramings,
    );
    const finished = performance.now();
    return {
      kind: 'read',
      image: { width: image.width, height: image.height, format: decoded.format },
      candidates,
      timings: {
        decodeMs: decodedAt - started,
        detectMs: detectedAt - decodedAt,
        recogniseMs: finished - detectedAt,
        totalMs: finished - started,
        inferenceMs: this.engine.inferenceMs() - inferenceBefore,
      },
    };
  }

  /** Every configured detector; overlapping finds are merged, best score first. */
  private async detect(image: RawImage): Promise<SourcedDetection[]> {
    const all: SourcedDetection[] = [];
    for (const detector of this.engine.detectors) {
      for (const d of await detector.detect(image)) all.push({ ...d, detector: detector.id });
    }
    return nonMaxSuppression(
      all.filter((d) => d.score >= this.options.minDetectionScore),
      0.3,
    ).slice(0, MAX_PLATES_PER_IMAGE);
  }

  private async read(
    image: RawImage,
    detections: readonly SourcedDetection[],
    framings: readonly Framing[],
  ): Promise<PlateCandidate[]> {
    const crops = detections.map((d) => framings.map((framing) => rectify(image, d.corners, framing)));
    const lines = crops.map((row, d) =>
      row.map((crop) => crop && asLine(crop, detections[d]?.rows ?? 'single')),
    );
    const reads = await readAll(this.engine.recogniser, lines);
    // The second reader sees the tight crop, no margin (as PP-OCR is best fed).
    const second = this.engine.secondRecogniser
      ? await readAll(
          this.engine.secondRecogniser,
          detections.map((d) => {
            const tight = rectify(image, d.corners, TIGHT);
            return [tight && asLine(tight, d.rows)];
          }),
        )
      : undefined;

    const candidates: PlateCandidate[] = [];
    for (const [d, detection] of detections.entries()) {
      const variants = (reads[d] ?? []).filter((r): r is TextRead => !!r);
      const primary = crops[d]?.[0];
      const chosen = consensus(variants);
      if (!chosen || !primary) continue;
      const secondRead = second?.[d]?.[0];
      const colour = this.engine.colourClassifier
        ? (await this.engine.colourClassifier.classify([primary]))[0]
        : (chosen.colour ?? secondRead?.colour);
      candidates.push({
        box: detection.box,
        corners: detection.corners,
        rows: detection.rows,
        detectionScore: detection.score,
        detector: detection.detector,
        text: chosen.text,
        characters: chosen.characters,
        ...(colour ? { colour } : {}),
        masked: chosen.masked,
        widthPx: quadWidth(detection.corners),
        agreement: { agreeing: chosen.agreeing, crops: variants.length },
        variants: variants.map((v) => v.text),
        ...(secondRead && this.engine.secondRecogniser
          ? {
              secondOpinion: {
                recogniser: this.engine.secondRecogniser.id,
                text: secondRead.text,
                confidence: Math.min(1, ...secondRead.characters.map((c) => c.confidence)),
                characters: secondRead.characters,
              },
            }
          : {}),
        cropJpeg: await encodeJpeg(primary, this.options.cropJpegQuality),
      });
    }
    return candidates;
  }
}

const TIGHT: Framing = { horizontal: 0, vertical: 0 };

const asLine = (crop: RawImage, rows: PlateDetection['rows']): RawImage =>
  rows === 'double' ? joinDoubleRow(crop) : crop;

/** Reads a ragged table of lines in one batch; a missing line (degenerate quad) reads as undefined. */
async function readAll(
  recogniser: PlateTextRecogniser,
  table: readonly (readonly (RawImage | undefined)[])[],
): Promise<(TextRead | undefined)[][]> {
  const present = table.flat().filter((l): l is RawImage => !!l);
  const reads: TextRead[] = [];
  for (let i = 0; i < present.length; i += MAX_BATCH)
    reads.push(...(await recogniser.recognise(present.slice(i, i + MAX_BATCH))));
  let next = 0;
  return table.map((row) => row.map((line) => (line ? reads[next++] : undefined)));
}

function rectify(image: RawImage, corners: Quad, framing: Framing): RawImage | undefined {
  const quad =
    framing.horizontal !== 0 || framing.vertical !== 0
      ? padQuad(corners, framing.horizontal, framing.vertical)
      : corners;
  const size = rectifiedSize(quad);
  return warpPerspective(image, quad, size.width, size.height);
}

/**
 * Character-level consensus over the reads of differently framed crops of one plate. The length
 * most reads agree on wins; each position takes the character with the highest summed confidence.
 * A character's confidence is the mean, over all crops, of the probability given to it (a crop
 * that read another character or another length contributes 0), so a read is only confident when
 * the recogniser is stable against small framing changes. The province character in particular
 * flips between crops while each single read claims ~100 %.
 */
export function consensus(reads: readonly TextRead[]): ConsensusRead | undefined {
  if (reads.length === 0) return undefined;
  const byLength = new Map<number, TextRead[]>();
  for (const read of reads)
    byLength.set(read.characters.length, [...(byLength.get(read.characters.length) ?? []), read]);
  const weight = (group: readonly TextRead[]) => group.reduce((s, r) => s + meanConfidence(r), 0);
  const [, group] = [...byLength.entries()].reduce((a, b) => (weight(b[1]) > weight(a[1]) ? b : a));
  const length = group[0]?.characters.length ?? 0;
  const characters: CharacterRead[] = [];
  let masked = false;
  for (let i = 0; i < length; i++) {
    const scores = new Map<string, number>();
    for (const read of group) {
      const c = read.characters[i];
      if (c) scores.set(c.char, (scores.get(c.char) ?? 0) + c.confidence);
    }
    const [char, score] = [...scores.entries()].reduce((a, b) => (b[1] > a[1] ? b : a));
    characters.push({ char, confidence: score / reads.length });
  }
  const text = characters.map((c) => c.char).join('');
  // Masked when the mask had to step in on a read that agrees with the consensus.
  masked = group.some((r) => r.text === text && r.masked);
  // Colour comes from the first framing: its margin shows the plate's border, which the colour
  // head needs (tight crops, or a vote over them, lose 3–4 of 26 sample plates).
  const colour = reads[0]?.colour;
  return {
    text,
    characters,
    masked,
    ...(colour ? { colour } : {}),
    agreeing: reads.filter((r) => r.text === text).length,
  };
}

export interface ConsensusRead extends TextRead {
  /** How many crops read exactly the consensus text. */
  readonly agreeing: number;
}

const meanConfidence = (read: TextRead) =>
  read.characters.length === 0
    ? 0
    : read.characters.reduce((s, c) => s + c.confidence, 0) / read.characters.length;
