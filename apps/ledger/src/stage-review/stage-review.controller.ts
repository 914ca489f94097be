import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { Caller, type Principal } from '@ecogate/auth';
import { parseEnterpriseId } from '@ecogate/persistence';
import { parseRequest } from '../api/request-parsing';
import { plateParam } from '../vehicle-registry/vehicle-registry.service';
import { resolveStageReviewSchema, stageReviewsQuery, StageReviewService } from './stage-review.service';

/** Vehicles whose stage evidence disagrees: `GET vehicle-reviews`, `POST vehicle-reviews/:plate/resolution`. */
@Controller('api/v1/enterprises/:enterpriseId/vehicle-reviews')
export class StageReviewController {
  constructor(@Inject(StageReviewService) private readonly reviews: StageReviewService) {}

  @Get()
  list(@Param('enterpriseId') enterpriseId: string, @Query() query: unknown) {
    return this.reviews.list(parseEnterpriseId(enterpriseId), parseRequest(stageReviewsQuery, query));
  }

  @Post(':plate/resolution')
  @HttpCode(200)
  resolve(
    @Param('enterpriseId') enterpriseId: string,
    @Param('plate') plate: string,
    @Caller() caller: Principal,
    @Body() body: unknown,
  ) {
    return this.reviews.resolve(
      parseEnterpriseId(enterpriseId),
      parseRequest(plateParam, plate),
      parseRequest(resolveStageReviewSchema, body).note,
      caller.subject,
    );
  }
}
