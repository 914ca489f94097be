import { isEmissionStage } from '@ecogate/domain';

/**
 * The filters of a registry ledger (厂内车辆 B, 非道路移动机械 C), as their URL holds them. The
 * ledger answers such a registry whole (an enterprise's own fleet, at most 1000 rows), so these
 * filter and page it in the browser.
 */
export const REGISTRY_URL_KEYS = ['q', 'stage', 'completeness', 'page', 'open'] as const;
export type RegistryUrl = Readonly<Partial<Record<(typeof REGISTRY_URL_KEYS)[number], string>>>;

export interface RegistryRow {
  readonly emissionStage: string | null;
  readonly completeness: number;
}

export const REGISTRY_PAGE_SIZE = 20;

/** The rows the filters keep, in the ledger's order; `text` gives what the search box matches. */
export function filterRegistry<R extends RegistryRow>(
  rows: readonly R[],
  url: RegistryUrl,
  text: (row: R) => readonly (string | null | undefined)[],
): R[] {
  const q = url.q?.trim().toUpperCase();
  const stage = url.stage === 'unknown' || (url.stage && isEmissionStage(url.stage)) ? url.stage : undefined;
  return rows.filter(
    (row) =>
      (!q || text(row).some((value) => value?.toUpperCase().includes(q))) &&
      (!stage || (row.emissionStage ?? 'unknown') === stage) &&
      (url.completeness !== 'complete' || row.completeness >= 1) &&
      (url.completeness !== 'incomplete' || row.completeness < 1),
  );
}

/** The URL's page (1-based), kept within the pages there are. */
export function pageOf(url: RegistryUrl, total: number): number {
  const last = Math.max(1, Math.ceil(total / REGISTRY_PAGE_SIZE));
  const page = Number.parseInt(url.page ?? '1', 10);
  return Number.isFinite(page) ? Math.min(Math.max(page, 1), last) : 1;
}
