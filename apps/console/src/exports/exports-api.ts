import { api, unwrap } from '../api/client';
import { type paths } from '../api/generated/schema';
import { daysBefore, startOfLocalDay } from '../shared/time';

const ONE = '/api/ledger/v1/enterprises/{enterpriseId}/exports';
const CITY = '/api/ledger/v1/exports';

export type ExportJob =
  paths[`${typeof ONE}/{jobId}`]['get']['responses'][200]['content']['application/json'];
export type ExportBody = paths[typeof ONE]['post']['requestBody']['content']['application/json'];
export type CityExportBody = paths[typeof CITY]['post']['requestBody']['content']['application/json'];
export type Ledger = ExportBody['ledger'];

export const LEDGERS: readonly Ledger[] = ['passages', 'in-plant-vehicles', 'machinery'];

/** Where a job lives: one enterprise's exports, or the city's exports over several. */
export type JobRef =
  | { readonly scope: 'enterprise'; readonly enterpriseId: string; readonly jobId: string }
  | { readonly scope: 'city'; readonly jobId: string };

export const isRunning = (job: Pick<ExportJob, 'state'>): boolean =>
  job.state === 'queued' || job.state === 'running';

/** A period of local days (Shanghai, `to` included) as the ledger's instants: [from 00:00, the day after `to` 00:00). */
export function periodOf(from: string, to: string): { from: string; to: string } {
  return { from: startOfLocalDay(from), to: startOfLocalDay(daysBefore(to, -1)) };
}

export const startExport = (enterpriseId: string, body: ExportBody): Promise<ExportJob> =>
  unwrap(api.POST(ONE, { params: { path: { enterpriseId } }, body }));

export const startCityExport = (body: CityExportBody): Promise<ExportJob> => unwrap(api.POST(CITY, { body }));

export const readJob = (ref: JobRef): Promise<ExportJob> =>
  ref.scope === 'city'
    ? unwrap(api.GET(`${CITY}/{jobId}`, { params: { path: { jobId: ref.jobId } } }))
    : unwrap(
        api.GET(`${ONE}/{jobId}`, { params: { path: { enterpriseId: ref.enterpriseId, jobId: ref.jobId } } }),
      );

export const recentJobs = async (scope: 'enterprise' | 'city', enterpriseId: string): Promise<ExportJob[]> =>
  (scope === 'city'
    ? await unwrap(api.GET(CITY, { params: { query: { limit: 20 } } }))
    : await unwrap(api.GET(ONE, { params: { path: { enterpriseId }, query: { limit: 20 } } }))
  ).items;

export const ROUTES = { one: ONE, city: CITY } as const;
