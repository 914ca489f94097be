import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { Caller, type Principal } from '@ecogate/auth';
import { parseEnterpriseId } from '@ecogate/persistence';
import { z } from 'zod';
import { parseRequest } from '../api/request-parsing';
import { decodeCursor } from '../query-passages/query-passages.service';
import { resolveReviewSchema, reviewItemsQuery, ReviewItemsService } from './review-items.service';

/** The review queue (待确认): `GET review-items`, `POST review-items/:passageId/resolution`. */
@Controller('api/v1/enterprises/:enterpriseId/review-items')
export class ReviewItemsController {
  constructor(@Inject(ReviewItemsService) private readonly reviews: ReviewItemsService) {}

  @Get()
  list(@Param('enterpriseId') enterpriseId: string, @Query() query: unknown) {
    const { cursor, ...rest } = parseRequest(reviewItemsQuery, query);
    return this.reviews.list(parseEnterpriseId(enterpriseId), {
      ...rest,
      ...(cursor ? { cursor: decodeCursor(cursor) } : {}),
    });
  }

  @Post(':passageId/resolution')
  @HttpCode(200)
  resolve(
    @Param('enterpriseId') enterpriseId: string,
    @Param('passageId') passageId: string,
    @Caller() caller: Principal,
    @Body() body: unknown,
  ) {
    return this.reviews.resolve(parseEnterpriseId(enterpriseId), parseRequest(z.uuid(), passageId), {
      ...parseRequest(resolveReviewSchema, body),
      actor: caller.subject,
    });
  }
}
