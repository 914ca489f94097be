import { dataSourceOptions, type RegisteredDataSource } from '@ecogate/persistence';
import { AlertLevelEntity } from './alert/alert-level.entity';
import { AuditLogEntity } from './audit/audit-log.entity';
import { CreateLedger1796200000000 } from './migrations/1796200000000-CreateLedger';
import { PassageEntity } from './passage/passage.entity';
import { RefusedAttemptEntity } from './passage/refused-attempt.entity';
import { VehicleStageEvidenceEntity } from './vehicle/vehicle-stage-evidence.entity';
import { VehicleEntity } from './vehicle/vehicle.entity';

// ledger's schema. `npm run migrations:check` finds this file by its `*.data-source.ts` name.
export const ledgerEntities = [
  VehicleEntity,
  VehicleStageEvidenceEntity,
  PassageEntity,
  RefusedAttemptEntity,
  AlertLevelEntity,
  AuditLogEntity,
];
/** In timestamp order; append new ones, never edit one that has shipped. */
export const ledgerMigrations = [CreateLedger1796200000000];

export const registeredDataSource: RegisteredDataSource = {
  name: 'ledger',
  options: (url) =>
    dataSourceOptions({
      url,
      entities: ledgerEntities,
      migrations: ledgerMigrations,
      name: 'migrations-check',
    }),
};
