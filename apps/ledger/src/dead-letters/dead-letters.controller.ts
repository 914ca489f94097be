import { Body, Controller, Get, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { Caller, type Principal } from '@ecogate/auth';
import { type ConsumerHealth } from '@ecogate/messaging';
import { parseRequest } from '../api/request-parsing';
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
 * Operator routes: the intake's health (public) and its dead letters (city operators only, by the
 * policy table); replays are audited with the caller's subject.
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
  replay(@Caller() caller: Principal, @Body() body: unknown) {
    return this.deadLetters.replay({
      ...parseRequest(replayDeadLettersSchema, body),
      operator: caller.subject,
    });
  }
}
