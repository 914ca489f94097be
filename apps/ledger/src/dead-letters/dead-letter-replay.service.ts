import {
  type ConsumerHealth,
  type DeadLetterEntry,
  type DeadLetterReplay,
  type DeadLetterView,
  type ReplayResult,
} from '@ecogate/messaging';
import { type DataSource, parseEnterpriseId } from '@ecogate/persistence';
import { type Logger } from '@ecogate/telemetry';
import { z } from 'zod';
import { audit } from '../audit/audit';

export const replayDeadLettersSchema = z.strictObject({
  ids: z
    .array(z.string().regex(/^\d{1,5}:\d{1,19}$/, 'a dead letter id is <partition>:<offset>'))
    .min(1)
    .max(100),
  reason: z.string().trim().min(3).max(500),
  force: z.boolean().default(false),
});

/**
 * The ledger group's dead letters for operators: list them, replay chosen ones to their original
 * topic. Each replay is recorded on the replay topic (by the messaging lib) and in the audit log
 * of the passage's enterprise, with who and why.
 */
export class DeadLetterReplayService {
  constructor(
    /** The group's dead letters on whichever transport carries it (Kafka or the embedded log). */
    private readonly deadLetters: DeadLetterView,
    private readonly dataSource: DataSource,
    private readonly log: Logger,
    /** The intake consumer's health; it exists only once the transport listens. */
    readonly consumerHealth: () => ConsumerHealth | undefined,
  ) {}

  list(): Promise<DeadLetterEntry[]> {
    return this.deadLetters.list();
  }

  replay(request: z.output<typeof replayDeadLettersSchema> & { operator: string }): Promise<ReplayResult> {
    return this.deadLetters.replay(request, (replays) => this.audit(replays));
  }

  private async audit(replays: readonly DeadLetterReplay[]): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      for (const replay of replays) {
        let enterpriseId;
        try {
          enterpriseId = parseEnterpriseId(replay.enterpriseId ?? '');
        } catch {
          // A message that never decoded may name no enterprise: the replay topic and log keep it.
          this.log.warn({ replay }, 'dead-letter replay not in the audit log: no enterprise');
          continue;
        }
        await audit(tx, enterpriseId, {
          actor: replay.operator,
          entityType: 'dead-letter',
          entityId: `${replay.consumerGroup}/${replay.deadLetterId}`,
          action: 'replay',
          before: null,
          after: replay,
        });
      }
    });
  }
}
