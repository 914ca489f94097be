import {
  type AlertView,
  type AlertViewCamera,
  type AlertViewCounts,
  type AlertViewEnterprise,
  type AlertViewItem,
  type AlertViewItemKind,
  type AlertViewQuery,
  type AlertViewTamperedCamera,
  BELOW_MINIMUM_KINDS,
} from '@ecogate/contracts';
import { type AlertLevel } from '@ecogate/domain';
import { type DataSource } from '@ecogate/persistence';
import { type EnterpriseScope } from '../statistics/district-statistics.service';

/** The latest items shown per enterprise; the counts cover the whole period. */
export const ALERT_VIEW_ITEM_LIMIT = 20;

/** An enterprise of the caller's scope whose level is orange or red, with its directory record. */
export interface EnterpriseUnderAlert {
  readonly enterpriseId: string;
  readonly name: string;
  readonly districtCode: string;
  readonly level: AlertLevel;
  readonly since: Date;
}

export interface KindCount {
  readonly enterpriseId: string;
  readonly kind: AlertViewItemKind;
  readonly count: number;
}

export type ItemRow = Omit<AlertViewItem, 'at'> & { readonly enterpriseId: string; readonly at: Date };

type CameraRow<C extends AlertViewCamera> = Omit<C, 'since'> & {
  readonly enterpriseId: string;
  readonly since: Date;
};
export type OfflineCameraRow = CameraRow<AlertViewCamera>;
export type TamperedCameraRow = CameraRow<AlertViewTamperedCamera>;

/** One enterprise's cameras of a list, longest in that state first, as on the wire. */
function camerasOf<R extends OfflineCameraRow>(
  rows: readonly R[],
  enterpriseId: string,
): (Omit<R, 'enterpriseId' | 'since'> & { since: string })[] {
  return rows
    .filter((camera) => camera.enterpriseId === enterpriseId)
    .sort((a, b) => a.since.getTime() - b.since.getTime() || a.cameraId.localeCompare(b.cameraId))
    .map(({ enterpriseId: _, since, ...camera }) => ({ ...camera, since: since.toISOString() }));
}

const zero = (): { -readonly [K in keyof AlertViewCounts]: number } => ({
  refused: 0,
  belowMinimumEntered: 0,
  unknownStageAdmitted: 0,
  camerasOffline: 0,
  camerasTampered: 0,
});
const belowMinimum: ReadonlySet<AlertViewItemKind> = new Set(BELOW_MINIMUM_KINDS);

function countsOf(
  kinds: readonly KindCount[],
  cameras: Pick<AlertViewCounts, 'camerasOffline' | 'camerasTampered'>,
): AlertViewCounts {
  const counts = { ...zero(), ...cameras };
  for (const { kind, count } of kinds) {
    if (kind === 'refused') counts.refused += count;
    else if (kind === 'unknown-stage') counts.unknownStageAdmitted += count;
    else if (belowMinimum.has(kind)) counts.belowMinimumEntered += count;
  }
  return counts;
}

function sum(counts: readonly AlertViewCounts[]): AlertViewCounts {
  const total = zero();
  for (const c of counts) {
    total.refused += c.refused;
    total.belowMinimumEntered += c.belowMinimumEntered;
    total.unknownStageAdmitted += c.unknownStageAdmitted;
    total.camerasOffline += c.camerasOffline;
    total.camerasTampered += c.camerasTampered;
  }
  return total;
}

/** What the view is made of, as read from the database. */
export interface AlertViewReads {
  readonly enterprises: readonly EnterpriseUnderAlert[];
  readonly kindCounts: readonly KindCount[];
  readonly items: readonly ItemRow[];
  readonly offlineCameras: readonly OfflineCameraRow[];
  readonly tamperedCameras: readonly TamperedCameraRow[];
}

const NOTHING: AlertViewReads = {
  enterprises: [],
  kindCounts: [],
  items: [],
  offlineCameras: [],
  tamperedCameras: [],
};

/** The view from its reads: pure, so the grouping and sums are tested without a database. */
export function assembleAlertView(
  { enterprises, kindCounts, items, offlineCameras, tamperedCameras }: AlertViewReads,
  query: AlertViewQuery,
  at: Date,
): AlertView {
  const byDistrict = new Map<string, AlertViewEnterprise[]>();
  for (const e of [...enterprises].sort((a, b) => a.enterpriseId.localeCompare(b.enterpriseId))) {
    const offline = camerasOf(offlineCameras, e.enterpriseId);
    const tampered = camerasOf(tamperedCameras, e.enterpriseId);
    const view: AlertViewEnterprise = {
      enterpriseId: e.enterpriseId,
      name: e.name,
      level: e.level,
      since: e.since.toISOString(),
      counts: countsOf(
        kindCounts.filter((k) => k.enterpriseId === e.enterpriseId),
        { camerasOffline: offline.length, camerasTampered: tampered.length },
      ),
      items: items
        .filter((item) => item.enterpriseId === e.enterpriseId)
        .sort((a, b) => b.at.getTime() - a.at.getTime() || b.id.localeCompare(a.id))
        .slice(0, ALERT_VIEW_ITEM_LIMIT)
        .map(({ enterpriseId: _, at: itemAt, ...item }) => ({ ...item, at: itemAt.toISOString() })),
      offlineCameras: offline,
      tamperedCameras: tampered,
    };
    byDistrict.set(e.districtCode, [...(byDistrict.get(e.districtCode) ?? []), view]);
  }
  const districts = [...byDistrict.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([districtCode, list]) => ({
      districtCode,
      counts: sum(list.map((e) => e.counts)),
      enterprises: list,
    }));
  return {
    at: at.toISOString(),
    districtCode: query.districtCode ?? null,
    itemLimit: ALERT_VIEW_ITEM_LIMIT,
    total: { ...sum(districts.map((d) => d.counts)), enterprises: enterprises.length },
    districts,
  };
}

/**
 * Passage entries and refused entry attempts of the enterprises under alert, each since its own
 * alert began (`$1`/`$2` zipped), with the kind they count as. A passage is in the view when the
 * reasons barrier control recorded for its entry say the plan did not admit it on its own; the
 * first matching reason names the kind. Both branches read their table's
 * (enterprise_id, captured_at, id) index from the alert's start; `captured_at` of a passage is its
 * entry's capture (exits without entry carry no entry reasons).
 */
const EVENTS_SQL = `
  WITH scope AS (SELECT * FROM unnest($1::text[], $2::timestamptz[]) AS s("enterprise_id", "since")),
  events AS (
    SELECT p."enterprise_id", p."id"::text AS "id", p."plate", p."plate_colour", p."captured_at" AS "at",
           p."entry_gate_id" AS "gate_id", p."entry_lane_id" AS "lane_id", p."entry_reasons" AS "reasons",
           p."stage",
           CASE WHEN p."entry_reasons" ? 'manual' THEN 'manual-release'
                WHEN p."entry_reasons" ? 'exempted' THEN 'exemption'
                WHEN p."entry_reasons" ? 'stage-unknown' THEN 'unknown-stage'
                WHEN p."entry_reasons" ? 'lane-always-open' THEN 'always-open-lane'
                ELSE 'record-only-lane' END AS "kind"
      FROM scope s
      JOIN "passages" p ON p."enterprise_id" = s."enterprise_id" AND p."captured_at" >= s."since"
     WHERE p."entry_reasons" ?| ARRAY['manual', 'exempted', 'stage-unknown', 'stage-below-minimum',
                                      'stage-substage-unconfirmed', 'stage-inferred-unconfirmed']
    UNION ALL
    SELECT r."enterprise_id", r."id"::text, r."plate", r."plate_colour", r."captured_at", r."gate_id", r."lane_id",
           r."reasons", r."stage", 'refused'
      FROM scope s
      JOIN "refused_attempts" r ON r."enterprise_id" = s."enterprise_id" AND r."captured_at" >= s."since"
     WHERE r."direction" = 'in'
  )`;

/**
 * The city's view during an alert (issue #23): the enterprises of the caller's scope (and the
 * district asked for) whose level is orange or red, and per enterprise what went past the plan
 * since its alert began. Like the district statistics, a deliberate cross-tenant read limited to
 * the caller's enterprises (`enterprise_id = ANY(…)` unless city-wide), never a path's.
 */
export class AlertViewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async view(scope: EnterpriseScope, query: AlertViewQuery): Promise<AlertView> {
    const at = this.now();
    if (scope !== '*' && scope.length === 0) return assembleAlertView(NOTHING, query, at);
    const enterprises = await this.enterprisesUnderAlert(scope, query);
    if (enterprises.length === 0) return assembleAlertView(NOTHING, query, at);
    const params = [enterprises.map((e) => e.enterpriseId), enterprises.map((e) => e.since)];
    const counts: { enterprise_id: string; kind: AlertViewItemKind; count: string }[] =
      await this.dataSource.query(
        `${EVENTS_SQL} SELECT "enterprise_id", "kind", count(*) AS "count" FROM events GROUP BY 1, 2`,
        params,
      );
    const items: {
      enterprise_id: string;
      id: string;
      kind: AlertViewItemKind;
      plate: string;
      plate_colour: string | null;
      at: Date;
      gate_id: string | null;
      lane_id: string | null;
      reasons: AlertViewItem['reasons'] | null;
      stage: AlertViewItem['stage'];
    }[] = await this.dataSource.query(
      `${EVENTS_SQL}
       SELECT * FROM (
         SELECT e.*, row_number() OVER (PARTITION BY e."enterprise_id" ORDER BY e."at" DESC, e."id" DESC) AS "rank"
           FROM events e
       ) ranked WHERE "rank" <= $3`,
      [...params, ALERT_VIEW_ITEM_LIMIT],
    );
    const cameras: {
      enterprise_id: string;
      camera_id: string;
      status: 'offline' | 'tampered';
      changed_at: Date;
      reason: string;
      tamper_kind: AlertViewTamperedCamera['kind'] | null;
    }[] = await this.dataSource.query(
      `SELECT "enterprise_id", "camera_id", "status", "changed_at", "reason", "tamper_kind" FROM "camera_statuses"
        WHERE "enterprise_id" = ANY($1::text[]) AND "status" IN ('offline', 'tampered')`,
      [params[0]],
    );
    const cameraRow = (row: (typeof cameras)[number]) => ({
      enterpriseId: row.enterprise_id,
      cameraId: row.camera_id,
      since: new Date(row.changed_at),
      reason: row.reason,
    });
    return assembleAlertView(
      {
        enterprises,
        kindCounts: counts.map((row) => ({
          enterpriseId: row.enterprise_id,
          kind: row.kind,
          count: Number(row.count),
        })),
        items: items.map((row) => ({
          enterpriseId: row.enterprise_id,
          id: row.id,
          kind: row.kind,
          plate: row.plate,
          plateColour: row.plate_colour,
          at: new Date(row.at),
          gateId: row.gate_id,
          laneId: row.lane_id,
          reasons: row.reasons ?? [],
          stage: row.stage,
        })),
        offlineCameras: cameras.filter((row) => row.status === 'offline').map(cameraRow),
        tamperedCameras: cameras
          .filter((row) => row.status === 'tampered')
          .map((row) => ({ ...cameraRow(row), kind: row.tamper_kind })),
      },
      query,
      at,
    );
  }

  /**
   * Each enterprise's latest level (the (enterprise_id, set_at) index), kept when orange or red;
   * its alert began at the first severe level after the last milder one (orange → red is one alert).
   * Only enterprises of the directory: a district needs its record.
   */
  private async enterprisesUnderAlert(
    scope: EnterpriseScope,
    query: AlertViewQuery,
  ): Promise<EnterpriseUnderAlert[]> {
    const rows: {
      enterprise_id: string;
      name: string;
      district_code: string;
      level: AlertLevel;
      since: Date;
    }[] = await this.dataSource.query(
      `SELECT e."enterprise_id", e."name", e."district_code", latest."level",
                (SELECT min(s."set_at") FROM "alert_levels" s
                  WHERE s."enterprise_id" = e."enterprise_id" AND s."level" IN ('orange', 'red')
                    AND s."set_at" > COALESCE((SELECT max(c."set_at") FROM "alert_levels" c
                                                WHERE c."enterprise_id" = e."enterprise_id"
                                                  AND c."level" NOT IN ('orange', 'red')), '-infinity')
                ) AS "since"
           FROM "enterprise_profiles" e
           JOIN LATERAL (SELECT a."level" FROM "alert_levels" a WHERE a."enterprise_id" = e."enterprise_id"
                          ORDER BY a."set_at" DESC LIMIT 1) latest ON true
          WHERE latest."level" IN ('orange', 'red')
            AND ($1::text IS NULL OR e."district_code" = $1)
            AND ($2::text[] IS NULL OR e."enterprise_id" = ANY($2::text[]))`,
      [query.districtCode ?? null, scope === '*' ? null : [...scope]],
    );
    return rows.map((row) => ({
      enterpriseId: row.enterprise_id,
      name: row.name,
      districtCode: row.district_code,
      level: row.level,
      since: new Date(row.since),
    }));
  }
}
