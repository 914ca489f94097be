import { Controller, type DynamicModule, Get, Inject, Module, type Provider, Res } from '@nestjs/common';
import { z } from 'zod';
import { type ConsumerHealth } from '../kafka/kafka-event-consumer';

/** What `GET /health` answers for a service whose work is one consumer group. */
export interface ConsumerServiceHealth {
  readonly status: ConsumerHealth['status'];
  readonly consumer: ConsumerHealth;
}

/** The body's schema, for the service's OpenAPI document. */
export const consumerServiceHealthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  consumer: z.object({
    groupId: z.string(),
    status: z.enum(['ok', 'degraded']),
    stalled: z.array(
      z.object({
        topic: z.string(),
        partition: z.number().int(),
        since: z.string(),
        waits: z.number().int(),
        cause: z
          .object({ code: z.string(), message: z.string(), retriable: z.boolean(), name: z.string() })
          .passthrough(),
      }),
    ),
  }),
});

const CONSUMER_HEALTH = Symbol('CONSUMER_HEALTH');

/** What `ConsumerHealthController` reads: the consumer's own state (`consumer.health()`). */
export function consumerHealthProvider(health: () => ConsumerHealth): Provider {
  return { provide: CONSUMER_HEALTH, useValue: health };
}

interface StatusResponse {
  status(code: number): unknown;
}

/**
 * Liveness and readiness of a consumer service (probes, monitoring): 200 `ok`, or 503 `degraded`
 * while a partition waits for a dependency (nothing is lost; it resumes by itself).
 */
@Controller('health')
export class ConsumerHealthController {
  constructor(@Inject(CONSUMER_HEALTH) private readonly consumerHealth: () => ConsumerHealth) {}

  @Get()
  health(@Res({ passthrough: true }) response: StatusResponse): ConsumerServiceHealth {
    const consumer = this.consumerHealth();
    if (consumer.status !== 'ok') response.status(503);
    return { status: consumer.status, consumer };
  }
}

/** `GET /health` from the consumer's own state (`consumer.health()`), as a feature module. */
@Module({})
export class ConsumerHealthModule {
  static register(health: () => ConsumerHealth): DynamicModule {
    return {
      module: ConsumerHealthModule,
      controllers: [ConsumerHealthController],
      providers: [consumerHealthProvider(health)],
    };
  }
}
