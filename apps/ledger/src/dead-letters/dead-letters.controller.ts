import { Body, Controller, Get, Headers, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { type ConsumerHealth } from '@ecogate/messaging';
import { actorHeader, parseRequest } from '../api/request-parsing';
import { DeadLetterReplayService, replayDeadLettersSchema } from './dead-letter-replay.service';

interface StatusResponse {
  status(code: number): unknown;
}

export interface LedgerHealth {
  readonly status: 'ok' | 'degraded';
  /** The intake consumer: `degraded` while a partition waits for the database (nothing is lost). */
  readonly intake: ConsumerHealth | null;
}

/**
 * Operator routes: the intake's health and its dead letters. Not tenant-scoped and, like the
 * rest of the API for now, not authenticated (a later issue adds it); replays are audited.
 */
@Controller()
export class DeadLettersController {
  constructor(@Inject(DeadLetterReplayService) private readonly deadLetters: DeadLetterReplayService) {}

  /** 200 `ok`, or 503 `degraded` while the intake waits for a dependency, so monitoring alerts. */
  @Get('health')
  health(@Res({ passthrough: true }) response: StatusResponse): LedgerHealth {
    const intake = this.deadLetters.consumerHealth() ?? null;
    const status = intake?.status ?? 'ok';
    if (status !== 'ok') response.status(503);
    return { status, intake };
  }

  @Get('api/v1/operations/dead-letters')
  async list() {
    return { items: await this.deadLetters.list() };
  }

  @Post('api/v1/operations/dead-letters/replay')
  @HttpCode(200)
  replay(@Headers('x-operator-id') operator: unknown, @Body() body: unknown) {
    return this.deadLetters.replay({
      ...parseRequest(replayDeadLettersSchema, body),
      operator: parseRequest(actorHeader, operator),
    });
  }
}
