import {
  ALERT_LEVELS,
  type AlertLevel,
  buildDefaultEmergencyPlan,
  type EmergencyPlan,
  type EmissionStage,
  type Exemption,
  type ExemptionKind,
  type Fuel,
  type LaneMode,
  type LevelPolicy,
  type PlanError,
  type UnknownStageRule,
  validateEmergencyPlan,
  type VehicleCategory,
} from '@ecogate/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { type paths } from '../api/generated/schema';

type PlanRoute = paths['/api/ledger/v1/enterprises/{enterpriseId}/emergency-plan'];
/** `GET emergency-plan`: the plan in force with its filing. */
export type PlanView = PlanRoute['get']['responses'][200]['content']['application/json'];
export type WirePlan = PlanView['plan'];
/** `PUT emergency-plan`'s body. */
export type PlanBody = PlanRoute['put']['requestBody']['content']['application/json'];

/*
 * The editor's form state: the domain's plan in shapes a form holds (dates as Dayjs, "any" as an
 * empty choice, lane modes as rows). It is converted to the domain's `EmergencyPlan` and checked
 * by the domain's own `validateEmergencyPlan` before anything is sent.
 */
export interface RequirementDraft {
  readonly id: string;
  /** Empty: any category. */
  readonly categories: readonly VehicleCategory[];
  /** Empty: any fuel. */
  readonly fuels: readonly Fuel[];
  readonly minimum: EmissionStage;
  readonly labelZh: string;
  readonly labelEn: string;
}

export interface LevelDraft {
  /** Any rule may be chosen in the form; the domain refuses `allow` for orange and red. */
  readonly unknownStage: UnknownStageRule;
  readonly requirements: readonly RequirementDraft[];
  readonly laneModes: readonly { readonly lane: string; readonly mode: LaneMode }[];
}

export interface ExemptionDraft {
  readonly id: string;
  readonly kind: ExemptionKind;
  readonly window: readonly [Dayjs, Dayjs];
  /** Empty: every level. */
  readonly levels: readonly AlertLevel[];
  readonly approvedBy: string;
  readonly reference?: string | undefined;
  readonly plates: readonly string[];
}

export interface PlanDraft {
  readonly levels: Readonly<Record<AlertLevel, LevelDraft>>;
  readonly exemptions: readonly ExemptionDraft[];
}

const orAny = <T>(values: readonly T[] | 'any'): readonly T[] => (values === 'any' ? [] : values);
const orEmpty = <T>(values: readonly T[]): readonly T[] | 'any' => (values.length === 0 ? 'any' : values);

function levelDraft(policy: LevelPolicy): LevelDraft {
  return {
    unknownStage: policy.unknownStage,
    requirements: policy.requirements.map((r) => ({
      id: r.id,
      categories: orAny(r.categories),
      fuels: orAny(r.fuels),
      minimum: r.minimum,
      labelZh: r.label.zh,
      labelEn: r.label.en,
    })),
    laneModes: Object.entries(policy.laneModes ?? {}).map(([lane, mode]) => ({ lane, mode })),
  };
}

/** The form state of a plan as the domain holds it. */
export function draftOf(plan: EmergencyPlan): PlanDraft {
  return {
    levels: Object.fromEntries(
      ALERT_LEVELS.map((level) => [level, levelDraft(plan.levels[level])]),
    ) as Record<AlertLevel, LevelDraft>,
    exemptions: plan.exemptions.map((e) => ({
      id: e.id,
      kind: e.kind,
      window: [dayjs(e.from), dayjs(e.until)],
      levels: e.levels === 'all' ? [] : e.levels,
      approvedBy: e.approvedBy,
      reference: e.reference,
      plates: e.plates ?? [],
    })),
  };
}

/** The wire plan (instants as ISO strings) as the domain's plan. */
export function domainPlanOf(plan: WirePlan): EmergencyPlan {
  return {
    ...plan,
    exemptions: plan.exemptions.map((e) => ({ ...e, from: new Date(e.from), until: new Date(e.until) })),
  };
}

/** Where an editor starts when nothing is filed: the domain's default plan (the ≥ 10 cargo vehicles rule). */
export const defaultDraft = (enterpriseId: string): PlanDraft =>
  draftOf(buildDefaultEmergencyPlan({ enterpriseId, cargoVolume: { band: '10-or-more' } }));

function policyOf(draft: LevelDraft): LevelPolicy {
  const laneModes = Object.fromEntries(draft.laneModes.map(({ lane, mode }) => [lane.trim(), mode]));
  return {
    unknownStage: draft.unknownStage,
    requirements: draft.requirements.map((r) => ({
      id: r.id.trim(),
      categories: orEmpty(r.categories),
      fuels: orEmpty(r.fuels),
      minimum: r.minimum,
      label: { zh: r.labelZh.trim(), en: r.labelEn.trim() },
    })),
    ...(draft.laneModes.length > 0 ? { laneModes } : {}),
  };
}

function exemptionOf(draft: ExemptionDraft): Exemption {
  const common = {
    id: draft.id.trim(),
    from: draft.window[0].toDate(),
    until: draft.window[1].toDate(),
    levels: draft.levels.length === 0 ? ('all' as const) : draft.levels,
    approvedBy: draft.approvedBy,
    ...(draft.reference?.trim() ? { reference: draft.reference.trim() } : {}),
  };
  const plates = draft.plates.map((plate) => plate.trim().toUpperCase()).filter(Boolean);
  return draft.kind === 'plate'
    ? { ...common, kind: 'plate', plates }
    : { ...common, kind: draft.kind, ...(plates.length > 0 ? { plates } : {}) };
}

/**
 * The form state as the domain's plan. Orange and red take the form's unknown-stage rule as it
 * is, like a plan read from storage: `validateEmergencyPlan` is what refuses `allow` there.
 */
export function planOf(enterpriseId: string, draft: PlanDraft): EmergencyPlan {
  const levels = Object.fromEntries(ALERT_LEVELS.map((level) => [level, policyOf(draft.levels[level])]));
  return {
    enterpriseId,
    levels: levels as unknown as EmergencyPlan['levels'],
    exemptions: draft.exemptions.map(exemptionOf),
  };
}

const wirePolicy = <U extends UnknownStageRule>(policy: LevelPolicy & { readonly unknownStage: U }) => ({
  unknownStage: policy.unknownStage as U,
  requirements: policy.requirements.map((r) => ({
    ...r,
    categories: r.categories === 'any' ? ('any' as const) : [...r.categories],
    fuels: r.fuels === 'any' ? ('any' as const) : [...r.fuels],
    label: { ...r.label },
  })),
  ...(policy.laneModes ? { laneModes: { ...policy.laneModes } } : {}),
});

/** The PUT body of a plan the domain accepted (instants as ISO strings). */
export function bodyOf(plan: EmergencyPlan, expectedRevision: number): PlanBody {
  const { none, blue, yellow, orange, red } = plan.levels;
  return {
    levels: {
      none: wirePolicy(none),
      blue: wirePolicy(blue),
      yellow: wirePolicy(yellow),
      orange: wirePolicy(orange),
      red: wirePolicy(red),
    },
    exemptions: plan.exemptions.map((e) => {
      const common = {
        id: e.id,
        from: e.from.toISOString(),
        until: e.until.toISOString(),
        levels: e.levels === 'all' ? ('all' as const) : [...e.levels],
        approvedBy: e.approvedBy,
        ...(e.reference ? { reference: e.reference } : {}),
      };
      return e.kind === 'plate'
        ? { ...common, kind: e.kind, plates: [...e.plates] }
        : { ...common, kind: e.kind, ...(e.plates ? { plates: [...e.plates] } : {}) };
    }),
    expectedRevision,
  };
}

export type Checked =
  | { readonly ok: true; readonly body: PlanBody }
  | { readonly ok: false; readonly problems: readonly PlanError[] };

/** What the editor sends, or every problem the domain finds in it (the service runs the same check). */
export function checkDraft(enterpriseId: string, draft: PlanDraft, expectedRevision: number): Checked {
  const checked = validateEmergencyPlan(planOf(enterpriseId, draft));
  return checked.ok
    ? { ok: true, body: bodyOf(checked.value, expectedRevision) }
    : { ok: false, problems: checked.error };
}
