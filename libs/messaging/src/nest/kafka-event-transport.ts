import { type EventEnvelope, isTopicName } from '@ecogate/contracts';
import { type ArgumentsHost, Catch, type INestApplication, type RpcExceptionFilter } from '@nestjs/common';
import { type CustomTransportStrategy, type MessageHandler, Server } from '@nestjs/microservices';
import { isObservable, lastValueFrom, type Observable, throwError } from 'rxjs';
import { type EventContext, type EventHandler, type EventHandlers } from '../event-handler';
import { type KafkaEventConsumerOptions } from '../kafka/kafka-event-consumer';
import { type EventConsumer } from '../transport/messaging-transport';

/**
 * A Nest microservice transport over our consumer (Kafka's or the embedded bus's): `@EventPattern('<topic>')` methods
 * receive the validated envelope and the `EventContext`, with retries, dead letters and
 * idempotency handled underneath.
 */
export class KafkaEventTransport extends Server implements CustomTransportStrategy {
  private consumer?: EventConsumer;

  constructor(
    private readonly createConsumer: (
      handlers: Omit<KafkaEventConsumerOptions, 'handlers'> & { handlers: EventHandlers },
    ) => EventConsumer,
    private readonly consumerOptions: Omit<KafkaEventConsumerOptions, 'handlers'>,
  ) {
    super();
  }

  listen(callback: (error?: unknown) => void): void {
    const handlers: Record<string, EventHandler<never>> = {};
    for (const [pattern, handler] of this.messageHandlers) {
      if (!isTopicName(pattern))
        throw new Error(`@EventPattern('${pattern}') is not a topic of the topic map`);
      handlers[pattern] = (event: EventEnvelope<never>, ctx: EventContext) => invoke(handler, event, ctx);
    }
    this.consumer = this.createConsumer({ ...this.consumerOptions, handlers: handlers as EventHandlers });
    this.consumer.start().then(() => callback(), callback);
  }

  async close(): Promise<void> {
    await this.consumer?.stop();
  }

  /** The consumer underneath, e.g. to await `ready()` in tests. */
  unwrap<T>(): T {
    if (!this.consumer) throw new Error('transport not listening yet');
    return this.consumer as T;
  }

  on(): void {
    // Status events are not exposed: health comes from the consumer's metrics and logs.
  }
}

async function invoke(handler: MessageHandler, event: unknown, ctx: EventContext): Promise<void> {
  try {
    const result: unknown = await handler(event, ctx);
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
  } catch (error) {
    throw unflattened(error);
  }
}

/**
 * Nest's default RPC filter replaces the handler's error by `{status:'error', message}`: the
 * consumer can then tell neither a database outage nor a bad message. That happens when
 * `PassThroughRpcErrors` is not in force (see `connectKafkaTransport`); say so instead of
 * logging `[object Object]`.
 */
export class FlattenedRpcError extends Error {
  constructor(readonly flattened: unknown) {
    super(
      `the handler's error was replaced by Nest's RPC filter (${JSON.stringify(flattened)}); ` +
        'connect the transport with connectKafkaTransport() so PassThroughRpcErrors is in force',
    );
    this.name = 'FlattenedRpcError';
  }
}

function unflattened(error: unknown): unknown {
  const e = error as { status?: unknown } | null;
  return e !== null && typeof e === 'object' && !(e instanceof Error) && e.status === 'error'
    ? new FlattenedRpcError(error)
    : error;
}

/**
 * Connects the transport to a hybrid (HTTP + Kafka) Nest app with `PassThroughRpcErrors` in
 * force. A microservice connected the usual way binds its handlers at once, so a filter added to
 * it afterwards is silently ignored; deferring its initialisation to `startAllMicroservices`
 * binds them after the filter is registered.
 */
export function connectKafkaTransport(app: INestApplication, transport: KafkaEventTransport): void {
  const microservice = app.connectMicroservice({ strategy: transport }, { deferInitialization: true });
  microservice.useGlobalFilters(new PassThroughRpcErrors());
  // The app runs the modules' init hooks itself; a deferred microservice would run them again.
  (microservice as Partial<{ setIsInitHookCalled(called: boolean): void }>).setIsInitHookCalled?.(true);
}

/**
 * Nest's default RPC filter turns every error into `{status:'error'}`; our consumer needs the
 * original error to tell retriable from fatal, so this filter passes it through unchanged.
 * Register it on a standalone microservice with `useGlobalFilters`. In a hybrid app (HTTP and
 * Kafka in one Nest app) filters registered on the connected microservice after init are ignored:
 * connect it with `{ inheritAppConfig: true }` and let the app's own filter rethrow errors whose
 * `host.getType()` is not `'http'` (see apps/plate-recognition's exception filter).
 */
@Catch()
export class PassThroughRpcErrors implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}
