import {
  expectedColours,
  type KnownPlates,
  parsePlate,
  type ParsePlateHint,
  type Plate,
  type PlateError,
  type PlateSettlement,
  type Province,
  type Result,
  settleWithKnownPlates,
} from '@ecogate/domain';
import { type ColourRead, isRecognisedColour, type RecognisedColour } from '../engine/plate-engine.interface';
import { type PipelineOutcome, type PlateCandidate } from './plate-candidate';
import { type PipelineMode } from './plate-pipeline';
import { gateRead, type GateOptions } from './read-gate';
import { fuseCharacters } from './recogniser-fusion';
import { type PlateRead, type RecognitionResult } from './recognition-result';

export type RunnerRefusal = Extract<RecognitionResult, { kind: 'overloaded' | 'timed-out' | 'failed' }>;

/** Runs the CPU pipeline somewhere (worker pool or in-process) and says so when it cannot. */
export interface PipelineRunner {
  run(bytes: Uint8Array, mode: PipelineMode): Promise<PipelineOutcome | RunnerRefusal>;
}

/** What the site already knows, to settle a read's one doubtful character (docs/plate-recognition.md). */
export interface SiteKnowledge {
  /** The enterprise's registered vehicles and fleets, and plates seen at the site recently. */
  readonly known: KnownPlates;
  readonly provincePrior?: Province;
}

export type PlateValidator = (raw: string, hint?: ParsePlateHint) => Result<Plate, PlateError>;

/**
 * The public entry of the engine: image bytes in, typed result out. Validates every read with
 * the domain's `parsePlate` and gates it (`gateRead`); never throws for bad input.
 */
/** Unobserved: the colour the format implies (white for 警 and WJ, black for 使 and 港…), else unknown. */
const impliedColour = (validation: Result<Plate, PlateError>): RecognisedColour | 'unknown' =>
  validation.ok && isRecognisedColour(validation.value.colour) ? validation.value.colour : 'unknown';

export class PlateReader {
  constructor(
    private readonly runner: PipelineRunner,
    private readonly gate: GateOptions,
    private readonly validate: PlateValidator = parsePlate,
  ) {}

  /** `mode`: `scene` for a photo (plates are detected), `crop` for an image that is one plate. */
  async read(
    bytes: Uint8Array,
    mode: PipelineMode = 'scene',
    site?: SiteKnowledge,
  ): Promise<RecognitionResult> {
    const outcome = await this.runner.run(bytes, mode);
    if (outcome.kind !== 'read') return outcome;
    const plates = outcome.candidates
      .filter((c) => c.text.length > 0)
      .map((c) => this.toPlateRead(c, site))
      .sort(
        (a, b) => Number(b.verdict === 'trusted') - Number(a.verdict === 'trusted') || b.widthPx - a.widthPx,
      );
    return plates.length === 0
      ? { kind: 'no-plate', image: outcome.image, timings: outcome.timings }
      : { kind: 'plates', image: outcome.image, plates, timings: outcome.timings };
  }

  private toPlateRead(read: PlateCandidate, site: SiteKnowledge | undefined): PlateRead {
    const fused = withSecondOpinion(read);
    const settlement = site && this.settle(fused, site);
    const candidate = settlement?.settled ? withText(fused, settlement.text) : fused;
    const colour = this.observedColour(candidate);
    const colourKnown = colour !== undefined && colour.confidence >= this.gate.minColourConfidence;
    const validation = this.validate(candidate.text, colourKnown ? { colour: colour.colour } : undefined);
    const decision = gateRead(
      candidate,
      validation,
      this.gate,
      settlement?.settled ? settlement.position : undefined,
    );
    return {
      text: validation.ok ? validation.value.text : candidate.text,
      rawText: read.text,
      ...(settlement?.settled ? { settledBy: settlement.by } : {}),
      verdict: decision.verdict,
      reviewReasons: decision.reasons,
      kind: validation.ok ? validation.value.kind : 'unknown',
      ...(validation.ok
        ? {}
        : { formatError: { code: validation.error.code, reason: validation.error.reason } }),
      repairs: validation.ok ? validation.value.repairs : [],
      confidence: Math.min(...fused.characters.map((c) => c.confidence)),
      characters: read.characters,
      colour: colour?.colour ?? impliedColour(validation),
      colourConfidence: colour?.confidence ?? 0,
      rows: candidate.rows,
      box: candidate.box,
      corners: candidate.corners,
      widthPx: candidate.widthPx,
      detectionScore: candidate.detectionScore,
      detector: candidate.detector,
      agreement: candidate.agreement,
      ...(candidate.secondOpinion ? { secondOpinion: candidate.secondOpinion } : {}),
      cropJpeg: candidate.cropJpeg,
    };
  }

  private settle(read: PlateCandidate, site: SiteKnowledge): PlateSettlement {
    return settleWithKnownPlates(read.characters, site.known, {
      minConfidence: this.gate.minCharConfidence,
      ...(site.provincePrior ? { provincePrior: site.provincePrior } : {}),
    });
  }

  /**
   * The colour seen, when the source knows every colour this kind of plate may have: a classifier
   * that knows only blue, green and yellow has no answer for a white police or WJ plate, a black
   * embassy or Hong Kong plate or a 民航 plate, so its pick there is no evidence (as a hint it
   * would flag each of them colour-mismatch and hold it back).
   */
  private observedColour(candidate: PlateCandidate): ColourRead | undefined {
    const colour = candidate.colour;
    if (!colour?.among) return colour;
    const unhinted = this.validate(candidate.text);
    if (!unhinted.ok) return colour;
    const expected = expectedColours(unhinted.value.kind);
    const among = colour.among;
    return expected.every((c) => among.some((a) => a === c)) ? colour : undefined;
  }
}

/** The candidate with each character as sure as both recognisers together make it (when there are two). */
const withSecondOpinion = (candidate: PlateCandidate): PlateCandidate => {
  const fused =
    candidate.secondOpinion && fuseCharacters(candidate.characters, candidate.secondOpinion.characters);
  return fused ? { ...candidate, characters: fused } : candidate;
};

/** The candidate as the site's knowledge settled it: the one doubtful character replaced. */
const withText = (candidate: PlateCandidate, text: string): PlateCandidate => {
  const chars = Array.from(text);
  return {
    ...candidate,
    text,
    characters: candidate.characters.map((c, i) => ({ ...c, char: chars[i] ?? c.char })),
  };
};
