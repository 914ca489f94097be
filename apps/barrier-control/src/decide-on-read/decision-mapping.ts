import { createHash } from 'node:crypto';
import { type PayloadOf } from '@ecogate/contracts';
import {
  type AdmissionDecision,
  type AdmissionSubject,
  decide,
  EMISSION_STAGE_LABELS,
  type FusionDecision,
  type ReadToFuse,
  type Verdict,
} from '@ecogate/domain';
import { type LaneContext } from '../gate-settings/gate-settings.port';

type PlateRead = PayloadOf<'anpr.plate.read.v1'>;
export type BarrierDecided = PayloadOf<'gate.barrier.decided.v1'>;

/** A stable id derived from a natural key: the same read always gets the same decision (and event) id. */
export function stableId(prefix: string, ...parts: string[]): string {
  return `${prefix}-${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32)}`;
}

/** A stable UUID (v8 layout, name-based) for envelope ids, which must be UUIDs. */
export function stableUuid(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * A doubtful read may not open an automatic barrier: the plate might be another vehicle's. The lane
 * still wins (closed refuses, always-open and record-only let through), and the reason is recorded.
 */
function applyReadVerdict(
  read: PlateRead,
  decision: AdmissionDecision,
): { verdict: Verdict; doubtful: boolean } {
  const doubtful = read.verdict === 'needs-review';
  if (!doubtful || decision.facts.laneMode !== 'auto') return { verdict: decision.verdict, doubtful };
  return { verdict: 'needs-review', doubtful };
}

/** Why the read itself is doubtful: the two readers disagree, or the read was unsure. */
function readDoubt(
  read: PlateRead,
  fusion: FusionDecision | undefined,
): { reason: 'readers-disagree' | 'read-needs-review'; zh: string; en: string } {
  const plate = read.plate.text;
  if (fusion?.outcome === 'disagree') {
    const server = fusion.server?.text ?? '?';
    return {
      reason: 'readers-disagree',
      zh: `${plate}：相机识别为${fusion.camera?.text ?? plate}，服务器识别为${server}，请人工核验。`,
      en: `${plate}: camera read ${fusion.camera?.text ?? plate}, server read ${server}, manual check required.`,
    };
  }
  return {
    reason: 'read-needs-review',
    zh: `${plate}：车牌识别存疑，请人工核验。`,
    en: `${plate}: plate read doubtful, manual check required.`,
  };
}

/**
 * Maps a plate read (fused from the camera's and the server's when both came, see `fuseCapture`),
 * its lane context and the vehicle to `gate.barrier.decided.v1` via the domain's `decide`. Pure:
 * the instant is passed in.
 */
export function decideOnRead(
  read: PlateRead,
  context: LaneContext,
  vehicle: AdmissionSubject | undefined,
  now: Date,
  fusion?: FusionDecision,
): BarrierDecided {
  const subject: AdmissionSubject = vehicle ?? { plate: read.plate.text, evidence: [] };
  const decision = decide(
    context.plan,
    context.alertLevel,
    subject,
    { id: context.lane.ref.laneId, mode: context.lane.mode },
    now,
  );
  const { verdict, doubtful } = applyReadVerdict(read, decision);
  const doubt = doubtful ? readDoubt(read, fusion) : undefined;
  const message =
    doubt && verdict === 'needs-review'
      ? { zh: `${doubt.zh}${decision.message.zh}`, en: `${doubt.en} ${decision.message.en}` }
      : decision.message;
  const { stage, evidenceSource } = decision.facts;
  return {
    decisionId: stableId('dec', read.readId),
    readId: read.readId,
    captureId: read.captureId,
    lane: read.lane,
    laneMode: decision.facts.laneMode,
    capturedAt: read.capturedAt,
    decidedAt: now.toISOString(),
    plate: { text: read.plate.text, colour: read.plate.colour },
    alertLevel: context.alertLevel,
    verdict,
    reasons: [...(doubt ? [doubt.reason] : []), ...decision.reasons].slice(0, 8),
    ...(stage && evidenceSource ? { stage: { stage, source: evidenceSource } } : {}),
    message: { zh: clip(message.zh, 200), en: clip(message.en, 300) },
    images: read.images,
    ...readsOf(fusion),
  };
}

type DecisionRead = NonNullable<NonNullable<BarrierDecided['reads']>['camera']>;

const decisionRead = (read: ReadToFuse): DecisionRead => ({
  text: read.text,
  verdict: read.verdict,
  ...(read.colour !== undefined ? { colour: read.colour } : {}),
  ...(read.confidence !== undefined ? { confidence: read.confidence } : {}),
  ...(read.rawText !== undefined ? { rawText: read.rawText } : {}),
  ...(read.settledBy !== undefined ? { settledBy: read.settledBy } : {}),
});

/** Both readers' plates with their confidence, for the person who reviews a doubtful read. */
function readsOf(fusion: FusionDecision | undefined): Pick<BarrierDecided, 'reads'> {
  if (!fusion?.camera && !fusion?.server) return {};
  return {
    reads: {
      ...(fusion.camera ? { camera: decisionRead(fusion.camera) } : {}),
      ...(fusion.server ? { server: decisionRead(fusion.server) } : {}),
    },
  };
}

/** What the lane's LED display shows for a decision: plate, stage, pass or not, and why. */
export interface DisplayText {
  readonly plate: string;
  readonly stage: string;
  readonly status: string;
  readonly reason: string;
}

const STATUS: Record<Verdict, string> = {
  allow: '请通行',
  deny: '禁止通行',
  'needs-review': '请等待人工核验',
};

export function displayTextOf(decision: BarrierDecided): DisplayText {
  return {
    plate: decision.plate.text,
    stage: decision.stage ? EMISSION_STAGE_LABELS[decision.stage.stage].zh : '排放阶段未知',
    status: STATUS[decision.verdict],
    reason: decision.message.zh,
  };
}
