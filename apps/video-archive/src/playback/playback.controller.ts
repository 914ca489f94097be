import { Controller, Get, Header, Inject, Param, Query } from '@nestjs/common';
import { idSchema } from '@ecogate/contracts';
import { parseEnterpriseId } from '@ecogate/persistence';
import { z } from 'zod';
import { PlaybackException } from './playback.exception';
import { PlaybackService } from './playback.service';

const instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
export const windowQuery = z
  .strictObject({ from: instant, to: instant })
  .refine((q) => q.from < q.to, 'from must be before to');

function parse<T>(schema: z.ZodType<T, unknown>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new PlaybackException('invalid-request', z.prettifyError(parsed.error));
  return parsed.data;
}

/** Playback API, tenant-scoped by the enterprise id in the path. */
@Controller('api/v1/enterprises/:enterpriseId')
export class PlaybackController {
  constructor(@Inject(PlaybackService) private readonly playback: PlaybackService) {}

  @Get('passages/:passageId/clips')
  @Header('Cache-Control', 'no-store')
  clips(@Param('enterpriseId') enterpriseId: string, @Param('passageId') passageId: string) {
    return this.playback.passageClips(parseEnterpriseId(enterpriseId), parse(idSchema, passageId));
  }

  @Get('cameras/:cameraId/playlist.m3u8')
  @Header('Content-Type', 'application/vnd.apple.mpegurl')
  @Header('Cache-Control', 'no-store')
  playlist(
    @Param('enterpriseId') enterpriseId: string,
    @Param('cameraId') cameraId: string,
    @Query() query: unknown,
  ): Promise<string> {
    const { from, to } = parse(windowQuery, query);
    return this.playback.playlist(parseEnterpriseId(enterpriseId), parse(idSchema, cameraId), from, to);
  }
}
