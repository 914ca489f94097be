// The enterprise directory: mounted by the gateway (start-gateway.ts, gateway.data-source.ts).
import { EnterpriseEntity } from './enterprise.entity';
import { CreateEnterprises1797100000000 } from './migrations/1797100000000-CreateEnterprises';

/** Add to the gateway's DataSource entities. */
export const enterpriseEntities = [EnterpriseEntity];
/** Append to the gateway's migrations (in timestamp order). */
export const enterpriseMigrations = [CreateEnterprises1797100000000];

export { type Enterprise } from './enterprise';
export {
  EnterpriseDirectory,
  type EnterpriseAuditEntry,
  type EnterpriseChangeAudit,
  type EnterpriseDirectoryOptions,
  type EnterprisePage,
  type Visibility,
} from './enterprise-directory';
export { ENTERPRISE_TOPIC } from './enterprise-events';
export { ENTERPRISE_ERROR_STATUS, EnterpriseError, type EnterpriseErrorCode } from './enterprise.errors';
export { EnterpriseEntity } from './enterprise.entity';
export { ENTERPRISES_PATH, EnterprisesController } from './enterprises.controller';
export { EnterprisesModule } from './enterprises.module';
export { enterprisePageSchema, enterpriseRoutes, enterpriseSchema } from './enterprises.openapi';
