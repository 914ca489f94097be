import { type ServiceToken } from '@ecogate/auth';
import { type Logger } from '@ecogate/telemetry';
import { type BarrierDecisionPort, NoBarrierDecision } from '../barrier-decision.port';
import { HttpBarrierDecision } from './http-barrier-decision';

/** `BARRIER_CONTROL_URL` set: ask barrier-control with camera-ingest's own token; unset: nothing opens. */
export function barrierDecisionOf(
  config: { readonly barrierControl?: { readonly url: string; readonly timeoutMs: number } | undefined },
  logger: Logger,
  token: ServiceToken | undefined,
): BarrierDecisionPort {
  if (!config.barrierControl) return new NoBarrierDecision();
  if (!token) throw new Error('BARRIER_CONTROL_URL is set: camera-ingest needs its service token to ask it');
  return new HttpBarrierDecision(
    { baseUrl: config.barrierControl.url, timeoutMs: config.barrierControl.timeoutMs, token },
    logger.child({ component: 'barrier-decision' }),
  );
}
