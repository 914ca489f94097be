import { type paths } from '../api/generated/schema';

/** The ledger's snapshot; the gateway's stream pushes the same shape (`event: snapshot`). */
export const ALERT_VIEW = '/api/ledger/v1/alert-view';
export const ALERT_VIEW_STREAM = '/api/live/v1/alert-view';

export type AlertView = paths[typeof ALERT_VIEW]['get']['responses'][200]['content']['application/json'];
export type AlertViewDistrict = AlertView['districts'][number];
export type AlertViewEnterprise = AlertViewDistrict['enterprises'][number];
export type AlertViewItem = AlertViewEnterprise['items'][number];
export type AlertViewKind = AlertViewItem['kind'];

/** One row of the table: an enterprise under alert with its district. */
export interface EnterpriseRow extends AlertViewEnterprise {
  readonly districtCode: string;
}

/** Districts → enterprises, flattened; `districtCode` keeps one district (from the URL) when given. */
export function enterpriseRows(view: AlertView, districtCode?: string): EnterpriseRow[] {
  return view.districts
    .filter((d) => !districtCode || d.districtCode === districtCode)
    .flatMap((d) => d.enterprises.map((e) => ({ ...e, districtCode: d.districtCode })));
}

/** Refusals and entries past the plan in warm colours; exemptions are lawful, so neutral. */
export const KIND_COLOUR: Readonly<Record<AlertViewKind, string>> = {
  refused: 'red',
  'manual-release': 'volcano',
  exemption: 'blue',
  'record-only-lane': 'orange',
  'always-open-lane': 'orange',
  'unknown-stage': 'gold',
};

/** A stream message's data as a view, or undefined when it is not one (never trusted blindly). */
export function snapshotOf(data: string): AlertView | undefined {
  try {
    const parsed = JSON.parse(data) as Partial<AlertView>;
    return Array.isArray(parsed.districts) && parsed.total && typeof parsed.at === 'string'
      ? (parsed as AlertView)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The query's key: one view per district filter (the stream writes into the same entry). */
export const alertViewKey = (districtCode: string | undefined) =>
  ['alert-view', districtCode ?? null] as const;
