import { type Logger } from '@ecogate/telemetry';
import { type BarrierDecisionPort, NoBarrierDecision } from '../barrier-decision.port';
import { HttpBarrierDecision } from './http-barrier-decision';

/** `BARRIER_CONTROL_URL` set: ask barrier-control; unset: nothing opens. */
export function barrierDecisionOf(
  config: { readonly barrierControl?: { readonly url: string; readonly timeoutMs: number } | undefined },
  logger: Logger,
): BarrierDecisionPort {
  if (!config.barrierControl) return new NoBarrierDecision();
  return new HttpBarrierDecision(
    { baseUrl: config.barrierControl.url, timeoutMs: config.barrierControl.timeoutMs },
    logger.child({ component: 'barrier-decision' }),
  );
}
