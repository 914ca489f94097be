import { type Logger } from '@ecogate/telemetry';
import { type DeadLetterRecord, deadLetterTopic, replayTopic } from '../dead-letter';
import {
  type DeadLetterEntry,
  type DeadLetterReplay,
  deadLetterReplayTopic,
  replayOf,
  type ReplayRequest,
  type ReplayResult,
} from '../dead-letter-replay';
import { type EmbeddedBus } from './embedded-bus';
import { type LogRecord } from './event-log';

/**
 * `DeadLetters` on the embedded bus: lists a group's dead letters (id `<partition>:<offset>`) and
 * replays them to `<group>.replay.v1` with the same headers and audit records as on Kafka.
 */
export class EmbeddedDeadLetters {
  private readonly log: Logger;

  constructor(
    private readonly bus: EmbeddedBus,
    readonly consumerGroup: string,
  ) {
    this.log = bus.logger.child({ component: 'dead-letters', groupId: consumerGroup });
  }

  topics(): string[] {
    return [this.deadLetterTopic(), this.replayTopic(), this.auditTopic()];
  }

  replayTopic(): string {
    return this.bus.physicalTopic(replayTopic(this.consumerGroup));
  }

  async list(): Promise<DeadLetterEntry[]> {
    const replayed = new Map<string, DeadLetterReplay>();
    for (const record of await this.readAll(this.auditTopic())) {
      const replay = JSON.parse(record.value) as DeadLetterReplay;
      if (!replayed.has(replay.deadLetterId)) replayed.set(replay.deadLetterId, replay);
    }
    return (await this.readAll(this.deadLetterTopic())).map((record) => {
      const id = `${record.partition}:${record.offset}`;
      const replay = replayed.get(id);
      return {
        id,
        record: JSON.parse(record.value) as DeadLetterRecord,
        ...(replay ? { replayed: replay } : {}),
      };
    });
  }

  async replay(
    request: ReplayRequest,
    audit?: (replays: readonly DeadLetterReplay[]) => Promise<void>,
  ): Promise<ReplayResult> {
    const entries = new Map((await this.list()).map((entry) => [entry.id, entry]));
    const skipped: ReplayResult['skipped'] = [];
    const replayed: DeadLetterReplay[] = [];
    for (const id of new Set(request.ids)) {
      const entry = entries.get(id);
      if (!entry) skipped.push({ id, why: 'not-found' });
      else if (entry.replayed && !request.force) skipped.push({ id, why: 'already-replayed' });
      else replayed.push(await this.replayOne(id, entry.record, request));
    }
    if (audit && replayed.length > 0) await audit(replayed);
    return { replayed, skipped };
  }

  private async replayOne(
    id: string,
    record: DeadLetterRecord,
    request: ReplayRequest,
  ): Promise<DeadLetterReplay> {
    const value =
      record.valueEncoding === 'base64' ? Buffer.from(record.value, 'base64').toString('utf8') : record.value;
    const { headers, replay } = replayOf(id, record, request, {
      consumerGroup: this.consumerGroup,
      replayTopic: this.replayTopic(),
    });
    await this.bus.append(this.replayTopic(), record.source.key, value, headers);
    await this.bus.append(this.auditTopic(), id, JSON.stringify(replay), {});
    this.log.info({ audit: 'dead-letter-replayed', ...replay }, 'dead letter replayed');
    return replay;
  }

  private deadLetterTopic(): string {
    return this.bus.physicalTopic(deadLetterTopic(this.consumerGroup));
  }

  private auditTopic(): string {
    return this.bus.physicalTopic(deadLetterReplayTopic(this.consumerGroup));
  }

  /** A replayed message that failed again names its first position in its replay headers. */

  private async readAll(topic: string): Promise<LogRecord[]> {
    const out: LogRecord[] = [];
    for (let partition = 0; partition < (await this.bus.partitionCount(topic)); partition++) {
      for (let from = 0; ;) {
        const batch = await this.bus.log.read(topic, partition, from, 500);
        if (batch.length === 0) break;
        out.push(...batch);
        from = (batch[batch.length - 1]?.offset ?? from) + 1;
      }
    }
    return out;
  }
}
