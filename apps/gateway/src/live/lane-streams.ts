import { type LiveLaneMessage } from '@ecogate/contracts';

/** One open stream (a browser's live view of one enterprise). */
export interface LaneSubscriber {
  /** Writes one message; throwing ends this subscriber only. */
  send(message: LiveLaneMessage): void;
  /** Ends the stream (shutdown). */
  end(): void;
}

export interface LaneStreamLimits {
  /** Open streams per enterprise; one more is refused (`too-many-streams`). */
  readonly perEnterprise: number;
  /** Open streams of this gateway instance in all. */
  readonly total: number;
}

export type Subscribed =
  | { readonly outcome: 'subscribed'; unsubscribe(): void }
  | { readonly outcome: 'too-many-streams' | 'closed' };

/**
 * Who watches which enterprise's lanes on this gateway instance: the live feed hands each event to
 * the subscribers of the event's own enterprise, and only to them (tenant isolation), bounded per
 * enterprise and in all. Synchronous and in memory: every replica reads every event (a consumer group
 * of its own) and serves the browsers connected to it.
 */
export class LaneStreams {
  private readonly byEnterprise = new Map<string, Set<LaneSubscriber>>();
  private open = 0;
  private closed = false;

  constructor(private readonly limits: LaneStreamLimits) {}

  subscribe(enterpriseId: string, subscriber: LaneSubscriber): Subscribed {
    if (this.closed) return { outcome: 'closed' };
    const subscribers = this.byEnterprise.get(enterpriseId) ?? new Set<LaneSubscriber>();
    if (subscribers.size >= this.limits.perEnterprise || this.open >= this.limits.total)
      return { outcome: 'too-many-streams' };
    subscribers.add(subscriber);
    this.byEnterprise.set(enterpriseId, subscribers);
    this.open += 1;
    let subscribed = true;
    return {
      outcome: 'subscribed',
      unsubscribe: () => {
        if (!subscribed) return;
        subscribed = false;
        this.remove(enterpriseId, subscriber);
      },
    };
  }

  /** Sends to the enterprise’s subscribers; returns how many got it. One failing never stops the others. */
  publish(enterpriseId: string, message: LiveLaneMessage): number {
    const subscribers = this.byEnterprise.get(enterpriseId);
    if (!subscribers) return 0;
    let delivered = 0;
    for (const subscriber of [...subscribers]) {
      try {
        subscriber.send(message);
        delivered += 1;
      } catch {
        this.remove(enterpriseId, subscriber);
        try {
          subscriber.end();
        } catch {
          // already gone
        }
      }
    }
    return delivered;
  }

  /** Open streams of one enterprise, or of this instance in all. */
  count(enterpriseId?: string): number {
    return enterpriseId === undefined ? this.open : (this.byEnterprise.get(enterpriseId)?.size ?? 0);
  }

  /** Shutdown: ends every stream and refuses new ones, so closing the server never waits on them. */
  closeAll(): void {
    this.closed = true;
    const all = [...this.byEnterprise.values()].flatMap((subscribers) => [...subscribers]);
    this.byEnterprise.clear();
    this.open = 0;
    for (const subscriber of all) {
      try {
        subscriber.end();
      } catch {
        // already gone
      }
    }
  }

  private remove(enterpriseId: string, subscriber: LaneSubscriber): void {
    const subscribers = this.byEnterprise.get(enterpriseId);
    if (!subscribers?.delete(subscriber)) return;
    this.open -= 1;
    if (subscribers.size === 0) this.byEnterprise.delete(enterpriseId);
  }
}
