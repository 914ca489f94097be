import { type DynamicModule, Module } from '@nestjs/common';
import { VzenithReplyController } from './vzenith-reply.controller';
import { VzenithReplyService } from './vzenith-reply.service';

/** The service is built by the composition root and handed in. */
@Module({})
export class VzenithReplyModule {
  static register(replies: VzenithReplyService): DynamicModule {
    return {
      module: VzenithReplyModule,
      controllers: [VzenithReplyController],
      providers: [{ provide: VzenithReplyService, useValue: replies }],
    };
  }
}
