import { Body, Controller, Get, Header, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { parseEnterpriseId } from '@ecogate/persistence';
import { type Response } from 'express';
import { z } from 'zod';
import { WindowScanException } from './window-scan.exception';
import { windowScanRequest, WindowScanService } from './window-scan.service';

export const scanIdParam = z.uuid();
export const frameParam = z.coerce.number().int().min(0).max(10_000);

function parse<T>(schema: z.ZodType<T, unknown>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new WindowScanException('invalid-request', z.prettifyError(parsed.error));
  return parsed.data;
}

/** Window scans, tenant-scoped by the enterprise id in the path. */
@Controller('api/v1/enterprises/:enterpriseId/window-scans')
export class WindowScanController {
  constructor(@Inject(WindowScanService) private readonly scans: WindowScanService) {}

  /** 202: the scan runs in the background; poll `GET …/window-scans/{id}`. */
  @Post()
  @HttpCode(202)
  request(@Param('enterpriseId') enterpriseId: string, @Body() body: unknown) {
    return this.scans.request(parseEnterpriseId(enterpriseId), parse(windowScanRequest, body));
  }

  @Get(':scanId')
  @Header('Cache-Control', 'no-store')
  get(@Param('enterpriseId') enterpriseId: string, @Param('scanId') scanId: string) {
    return this.scans.get(parseEnterpriseId(enterpriseId), parse(scanIdParam, scanId));
  }

  /** 302 to a short-lived link to the JPEG (presigned on MinIO, signed on the filesystem store). */
  @Get(':scanId/frames/:n.jpg')
  async frame(
    @Param('enterpriseId') enterpriseId: string,
    @Param('scanId') scanId: string,
    @Param('n') n: string,
    @Res() response: Response,
  ): Promise<void> {
    const link = await this.scans.frameLink(
      parseEnterpriseId(enterpriseId),
      parse(scanIdParam, scanId),
      parse(frameParam, n),
    );
    response.setHeader('Cache-Control', `private, max-age=${link.maxAgeSeconds}`);
    response.redirect(302, link.url);
  }
}
