import { type Industry, type PerformanceClass } from '@ecogate/domain';
import { type EnterpriseFields } from './enterprise-input';
import { type EnterpriseEntity } from './enterprise.entity';

/** A directory entry as the API and the event show it. */
export interface Enterprise extends EnterpriseFields {
  readonly id: string;
  readonly active: boolean;
  readonly revision: number;
  readonly registeredBy: string;
  readonly registeredAt: Date;
  readonly changedBy: string;
  readonly changedAt: Date;
}

export function enterpriseOf(row: EnterpriseEntity): Enterprise {
  return {
    id: row.id,
    creditCode: row.creditCode,
    name: row.name,
    // Written only through the directory's validation, so the stored text is a known value.
    industry: row.industry as Industry,
    districtCode: row.districtCode,
    performanceClass: row.performanceClass as PerformanceClass,
    retention: { videoDays: row.videoRetentionDays, ledgerDays: row.ledgerRetentionDays },
    active: row.active,
    revision: row.revision,
    registeredBy: row.registeredBy,
    registeredAt: row.registeredAt,
    changedBy: row.changedBy,
    changedAt: row.changedAt,
  };
}
