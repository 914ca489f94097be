/** Something that can stop accepting connections and start again on the same port. */
export interface Switchable {
  setDown(down: boolean): Promise<void>;
}

/** The `down` switch of the fault API: stops or restarts every platform listener together. */
export class ListenerControl {
  #targets: Switchable[] = [];
  #down = false;

  attach(...targets: Switchable[]): void {
    this.#targets.push(...targets);
  }

  get down(): boolean {
    return this.#down;
  }

  async setDown(down: boolean): Promise<void> {
    if (down === this.#down) return;
    await Promise.all(this.#targets.map((target) => target.setDown(down)));
    this.#down = down;
  }
}
