import { type EventEnvelope, type TopicName } from '@ecogate/contracts';

export interface EventContext {
  readonly topic: TopicName;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  /** 1 on first delivery to the handler, then 2, 3… while retrying. */
  readonly attempt: number;
  /**
   * Records that this consumer group handled the event; `false` means it already was. Call it
   * inside the handler's database transaction (`tx`) so the claim commits with the effects.
   */
  claim(tx?: unknown): Promise<boolean>;
}

export type EventHandler<T extends TopicName> = (
  event: EventEnvelope<T>,
  context: EventContext,
) => Promise<void>;

export type EventHandlers = { [T in TopicName]?: EventHandler<T> };
