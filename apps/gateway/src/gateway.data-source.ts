import { dataSourceOptions, type RegisteredDataSource } from '@ecogate/persistence';
import { ApiKeyEntity } from './api-keys/api-key.entity';
import { AuditRecordEntity } from './audit/audit-record.entity';
import { UserEntity } from './accounts/user.entity';
import { enterpriseEntities, enterpriseMigrations } from './enterprises';
import { CreateGateway1797000000000 } from './migrations/1797000000000-CreateGateway';
import { AddExternalIdentity1797200000000 } from './migrations/1797200000000-AddExternalIdentity';
import { RefreshTokenEntity, SessionEntity } from './sessions/session.entity';

// gateway's schema (the outbox comes with every DataSource from @ecogate/persistence).
// `npm run migrations:check` finds this file by its `*.data-source.ts` name.
export const gatewayEntities = [
  UserEntity,
  SessionEntity,
  RefreshTokenEntity,
  ApiKeyEntity,
  AuditRecordEntity,
  ...enterpriseEntities,
];
/** In timestamp order; append new ones, never edit one that has shipped. */
export const gatewayMigrations = [
  CreateGateway1797000000000,
  ...enterpriseMigrations,
  AddExternalIdentity1797200000000,
];

export const registeredDataSource: RegisteredDataSource = {
  name: 'gateway',
  options: (url) =>
    dataSourceOptions({
      url,
      entities: gatewayEntities,
      migrations: gatewayMigrations,
      name: 'migrations-check',
    }),
};
