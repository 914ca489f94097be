import { z } from 'zod';

/**
 * A fault the simulator plays on the next lookup request (one per request, in order): a rate limit
 * with its Retry-After, a server error, a hang (no answer for `ms`, past any sane client timeout),
 * or a slow but correct answer.
 */
export const stageLookupFaultSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('rate-limit'), retryAfterS: z.number().int().min(0).max(3600) }),
  z.strictObject({
    kind: z.literal('server-error'),
    status: z.number().int().min(500).max(599).default(503),
  }),
  z.strictObject({ kind: z.literal('hang'), ms: z.number().int().min(1).max(600_000) }),
  z.strictObject({ kind: z.literal('delay'), ms: z.number().int().min(1).max(600_000) }),
]);
export type StageLookupFault = z.infer<typeof stageLookupFaultSchema>;

/** `POST /_sim/faults`: faults queued for the next requests, and a latency added to every answer. */
export const stageLookupFaultScriptSchema = z.strictObject({
  next: z.array(stageLookupFaultSchema).max(1000).default([]),
  latencyMs: z.number().int().min(0).max(60_000).optional(),
});
export type StageLookupFaultScript = z.input<typeof stageLookupFaultScriptSchema>;

/** The queue of scripted faults; each lookup request takes the next one, if any. */
export class StageLookupFaults {
  private queue: StageLookupFault[] = [];
  latencyMs = 0;

  script(script: StageLookupFaultScript): void {
    const parsed = stageLookupFaultScriptSchema.parse(script);
    this.queue.push(...parsed.next);
    if (parsed.latencyMs !== undefined) this.latencyMs = parsed.latencyMs;
  }

  next(): StageLookupFault | undefined {
    return this.queue.shift();
  }

  get pending(): number {
    return this.queue.length;
  }

  reset(): void {
    this.queue = [];
    this.latencyMs = 0;
  }
}
