import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { map, type Observable } from 'rxjs';
import { injectedFaultOf, truncateJson } from './injected-fault';

/** For the `malformed-ack` fault: the request was processed and stored, the answer is cut short. */
@Injectable()
export class MalformedAckInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest<IncomingMessage>();
    if (injectedFaultOf(req) !== 'malformed-ack') return next.handle();
    const res = http.getResponse<ServerResponse>();
    return next.handle().pipe(
      map((body) => {
        res.setHeader('content-type', 'application/json; charset=utf-8');
        return truncateJson(body);
      }),
    );
  }
}
