/**
 * Runs every release step of a suite in order, each even when an earlier one failed or a test left
 * things half started, then reports all failures at once. An `afterAll` that stopped at its first
 * error would leave the rest (a consumer, a server, a child process) running, and that keeps the
 * test process alive after the run.
 */
export async function releaseAll(...steps: readonly (() => unknown)[]): Promise<void> {
  const errors: unknown[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, `${errors.length} release steps failed`);
}
