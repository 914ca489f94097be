import { type ServiceToken } from '@ecogate/auth';
import { type Logger, meter } from '@ecogate/telemetry';
import { z } from 'zod';
import {
  type BarrierDecision,
  type BarrierDecisionPort,
  type BarrierQuestion,
} from '../barrier-decision.port';

/** barrier-control's `GET …/vzenith-reply` answer (docs/barrier-control.md). */
export const vzenithReplyAnswerSchema = z.object({
  captureId: z.string(),
  open: z.boolean(),
  outcome: z.enum(['open', 'closed', 'undecided']),
});

const answers = meter('camera-ingest').createCounter('camera_ingest_barrier_decisions_total', {
  description: 'Barrier questions to barrier-control by answer (open, closed, undecided, error)',
});

export interface HttpBarrierDecisionOptions {
  /** barrier-control's base URL. */
  readonly baseUrl: string;
  /** The camera waits for our reply: past this, the barrier stays down. */
  readonly timeoutMs: number;
  /** camera-ingest's own token: barrier-control admits only it on this route. */
  readonly token: Pick<ServiceToken, 'header'>;
}

/**
 * Asks barrier-control whether the reply to a Vzenith push opens the barrier. Fails closed: a
 * timeout, an error status or an unexpected body keeps the barrier down (the operator can still
 * release it by hand); only an explicit `open: true` for this very capture opens.
 */
export class HttpBarrierDecision implements BarrierDecisionPort {
  constructor(
    private readonly options: HttpBarrierDecisionOptions,
    private readonly logger: Logger,
  ) {}

  async decide(question: BarrierQuestion): Promise<BarrierDecision> {
    const { enterpriseId, laneId } = question.lane;
    const url = new URL(
      `api/v1/enterprises/${encodeURIComponent(enterpriseId)}/lanes/${encodeURIComponent(laneId)}/vzenith-reply`,
      this.options.baseUrl.endsWith('/') ? this.options.baseUrl : `${this.options.baseUrl}/`,
    );
    url.searchParams.set('captureId', question.captureId);
    try {
      const response = await fetch(url, {
        headers: { accept: 'application/json', authorization: await this.options.token.header() },
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      if (!response.ok) return this.closed(question, `barrier-control answered ${response.status}`);
      const answer = vzenithReplyAnswerSchema.safeParse(await response.json());
      if (!answer.success || answer.data.captureId !== question.captureId) {
        return this.closed(question, 'barrier-control answered an unexpected body');
      }
      answers.add(1, { answer: answer.data.outcome });
      if (answer.data.open) return { kind: 'open' };
      return answer.data.outcome === 'closed'
        ? { kind: 'keep-closed', reason: 'barrier-control decided closed' }
        : { kind: 'no-decision-yet' };
    } catch (error) {
      const reason =
        // A DOMException, which is not always an `Error` instance across realms.
        (error as { name?: unknown } | null)?.name === 'TimeoutError'
          ? `no answer within ${this.options.timeoutMs} ms`
          : 'barrier-control unreachable';
      return this.closed(question, reason, error);
    }
  }

  private closed(question: BarrierQuestion, reason: string, error?: unknown): BarrierDecision {
    answers.add(1, { answer: 'error' });
    this.logger.warn(
      { err: error, captureId: question.captureId, laneId: question.lane.laneId, reason },
      'barrier decision failed; the barrier stays down',
    );
    return { kind: 'keep-closed', reason };
  }
}
