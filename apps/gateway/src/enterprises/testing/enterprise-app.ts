import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { TestIssuer, TokenVerifier, usePolicy } from '@ecogate/auth';
import { CodedErrorFilter } from '@ecogate/http-edge';
import { type DataSource } from '@ecogate/persistence';
import { createLogger } from '@ecogate/telemetry';
import { EnterpriseDirectory, type EnterpriseAuditEntry } from '../enterprise-directory';
import { ENTERPRISE_ERROR_STATUS } from '../enterprise.errors';
import { EnterprisesModule } from '../enterprises.module';

export interface EnterpriseApp {
  readonly app: INestApplication;
  readonly url: string;
  readonly issuer: TestIssuer;
  readonly directory: EnterpriseDirectory;
  /** What the directory handed its audit hook, in order. */
  readonly audited: EnterpriseAuditEntry[];
  close(): Promise<void>;
}

/**
 * The directory's routes behind the real policy guard (the `gateway` section), with the gateway's
 * error filter, on 127.0.0.1: what the gateway will mount, without the rest of the gateway.
 */
export async function startEnterpriseApp(dataSource: DataSource): Promise<EnterpriseApp> {
  const log = createLogger({ service: 'gateway-enterprises-it', level: 'silent' });
  const issuer = await TestIssuer.start();
  const audited: EnterpriseAuditEntry[] = [];
  const directory = new EnterpriseDirectory(dataSource, {
    audit: {
      record: async (tx, entry) => {
        // Proves the hook runs inside the change's transaction.
        if (tx.queryRunner?.isTransactionActive !== true) throw new Error('audit outside the transaction');
        audited.push(entry);
      },
    },
  });
  const app = await NestFactory.create<NestExpressApplication>(EnterprisesModule.register(directory), {
    logger: false,
    abortOnError: false,
  });
  usePolicy(app, 'gateway', new TokenVerifier(issuer.verifierOptions), log);
  app.useGlobalFilters(new CodedErrorFilter(log, ENTERPRISE_ERROR_STATUS));
  await app.listen(0, '127.0.0.1');
  return {
    app,
    url: (await app.getUrl()).replace('[::1]', '127.0.0.1'),
    issuer,
    directory,
    audited,
    async close() {
      await app.close();
      await issuer.close();
    },
  };
}
