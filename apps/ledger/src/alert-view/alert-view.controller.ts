import { alertViewQuerySchema } from '@ecogate/contracts';
import { Caller, type Principal } from '@ecogate/auth';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { parseRequest } from '../api/request-parsing';
import { AlertViewService } from './alert-view.service';

/**
 * `GET /api/v1/alert-view[?districtCode]`: the city's view during an orange or red alert. No
 * enterprise in the path, so the answer is limited here to the caller's enterprises (an inspector's
 * token lists those of their districts; city-wide roles have `*`): a `CALLER_FILTERED_ROUTES` route.
 */
@Controller('api/v1/alert-view')
export class AlertViewController {
  constructor(@Inject(AlertViewService) private readonly alertView: AlertViewService) {}

  @Get()
  view(@Query() query: unknown, @Caller() caller: Principal) {
    return this.alertView.view(caller.enterprises, parseRequest(alertViewQuerySchema, query));
  }
}
