import { type Logger } from '@ecogate/telemetry';
import { z } from 'zod';
import { stableId } from '../decide-on-read/decision-mapping';
import { BarrierControlException } from '../errors/barrier-control.exception';
import { type ViolationPublisher } from '../events/violation-publisher';
import { type GateSettings } from '../gate-settings/gate-settings.port';
import { type LanePhase } from '../lane-state/lane-state-machine';
import { type LaneStates } from '../lane-state/lane-states';

export const barrierStateReportSchema = z.strictObject({
  state: z.enum(['opened', 'closed']),
  /** When the device saw it (ISO 8601 with offset); the time of receipt when absent. */
  at: z.iso.datetime({ offset: true }).optional(),
  /** The reporting device (IO controller, loop detector, camera), kept in violation details. */
  deviceId: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/)
    .optional(),
});
export type BarrierStateReport = z.infer<typeof barrierStateReportSchema>;

export interface BarrierStateOutcome {
  readonly phase: LanePhase;
  /** The report changed nothing (the barrier was already in that state, or no cycle was open). */
  readonly ignored: boolean;
  readonly violations: readonly string[];
}

/**
 * A barrier reported itself open or closed (barrier controller status, ground loop, relay input).
 * "closed" ends the lane's open cycle at once (the fixed `BARRIER_OPEN_CYCLE_SECONDS` is only the
 * fallback for lanes that report nothing); "opened" with no allow or release pending is published
 * as `opened-without-decision`.
 */
export class BarrierStateService {
  constructor(
    private readonly settings: GateSettings,
    private readonly lanes: LaneStates,
    private readonly violations: ViolationPublisher,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(
    enterpriseId: string,
    laneId: string,
    report: BarrierStateReport,
  ): Promise<BarrierStateOutcome> {
    const context = await this.settings.laneContext(enterpriseId, laneId);
    if (!context) {
      throw new BarrierControlException(
        'lane-not-found',
        `lane ${laneId} of ${enterpriseId} is not configured`,
      );
    }
    const at = report.at ? new Date(report.at) : this.now();
    return this.lanes.exclusive(enterpriseId, laneId, async () => {
      const transition = this.lanes.apply(
        enterpriseId,
        laneId,
        context.lane.mode,
        report.state === 'opened' ? { type: 'barrier-opened', at } : { type: 'barrier-closed' },
      );
      // One violation per report: the same report re-sent names the same violation id.
      const cause = stableId('state', report.state, at.toISOString(), report.deviceId ?? '');
      for (const violation of transition.violations) {
        const details = report.deviceId
          ? `${violation.details} (reported by ${report.deviceId})`
          : violation.details;
        await this.violations.publish(context.lane.ref, { ...violation, details }, at, cause);
      }
      this.log.info(
        { lane: laneId, state: report.state, deviceId: report.deviceId, phase: transition.state.phase },
        'barrier state reported',
      );
      return {
        phase: transition.state.phase,
        ignored: transition.ignored,
        violations: transition.violations.map((v) => v.kind),
      };
    });
  }
}
