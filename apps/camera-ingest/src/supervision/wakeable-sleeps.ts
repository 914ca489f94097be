/** The delays a supervisor's loops wait out, all cut short at once when it stops. */
export class WakeableSleeps {
  private readonly sleepers = new Set<() => void>();

  /** Resolves after `ms`, or at `wakeAll`, whichever comes first. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  wakeAll(): void {
    for (const wake of this.sleepers) wake();
  }
}
