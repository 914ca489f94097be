/**
 * Runs work one at a time per lane: a read (Kafka), a held read's timer, an operator action and a
 * barrier state report of the same lane must not interleave their lane-state updates.
 */
export class LaneQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(lane: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(lane) ?? Promise.resolve();
    const next = previous.then(work);
    const tail = next.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(lane, tail);
    void tail.then(() => {
      if (this.tails.get(lane) === tail) this.tails.delete(lane);
    });
    return next;
  }
}
