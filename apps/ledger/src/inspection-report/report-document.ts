import { EMISSION_STAGES } from '@ecogate/domain';
import { type EnterpriseIndicators } from '../inspection/inspection-indicators';
import { type AnomalyIndicator, type TamperIndicator } from '../inspection/tamper-indicators';
import { type InspectionView } from '../inspection/inspection-view';

type WindowScan = NonNullable<InspectionView['windows'][number]['scan']>;

/** The report as blocks a renderer lays out in order; no PDF here, so the content is tested as data. */
export type ReportBlock =
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'fields'; readonly rows: readonly (readonly [string, string])[] }
  | {
      readonly kind: 'table';
      readonly columns: readonly string[];
      readonly rows: readonly (readonly string[])[];
    }
  | { readonly kind: 'paragraph'; readonly text: string };

export interface ReportDocument {
  readonly title: string;
  readonly blocks: readonly ReportBlock[];
}

/** What the chain verification of the period found (chain/verify-chain.ts), as far as the report tells it. */
export interface ReportChainResult {
  readonly ok: boolean;
  readonly entries: number;
  readonly first: { readonly kind: string; readonly seq?: number; readonly detail: string } | null;
}

export interface ReportInput {
  readonly inspection: InspectionView;
  /** With camera tampering and loading-area anomalies when the service gives them (issue #17). */
  readonly indicators: EnterpriseIndicators & {
    readonly tampering?: TamperIndicator;
    readonly loadingAreaAnomalies?: AnomalyIndicator;
  };
  /** `null`: the chain was not verified (no key configured). */
  readonly chain: ReportChainResult | null;
  /** The cluster chain key's fingerprint; `null` when no key is configured. */
  readonly keyFingerprint: string | null;
  /** SHA-256 of the inspection's latest evidence pack, when one was built. */
  readonly packSha256: string | null;
  readonly generatedAt: Date;
}

const NONE = '—';
/** A person as the report names them: the display name then, and the account id that is the record. */
const person = (id: string, name: string | null): string => (name ? `${name} ${id}` : id);
const VERDICTS: Record<string, string> = { consistent: '一致', inconsistent: '不一致' };
const STATES: Record<string, string> = {
  inside: '在厂内',
  completed: '已出厂',
  'exit-without-entry': '有出无入',
};
const SOURCES: Record<string, string> = {
  'platform-query': '平台查询',
  document: '随车清单/行驶证',
  manual: '人工录入',
  inferred: '推断',
  unknown: '未知',
};
const FINDINGS: Record<string, string> = {
  'entry-altered': '链条目被修改',
  'entry-deleted': '链条目被删除',
  'chain-rewritten': '哈希链被重写（与签名日根不符）',
  'root-forged': '日根签名无效',
  'record-altered': '台账记录被修改',
  'record-deleted': '台账记录被删除',
  'record-inserted': '台账记录被插入（无链记录）',
};
const PLACEMENT: Record<string, string> = {
  alert: '预警期间内',
  period: '整个核查期间（期间内无足够长的预警）',
};

/** An instant in Asia/Shanghai (UTC+8, no daylight saving), to the second. */
export function shanghaiTime(value: Date | string | null | undefined): string {
  if (value === null || value === undefined) return NONE;
  const at = new Date(value);
  return Number.isNaN(at.getTime())
    ? NONE
    : new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

const percent = (share: number | null): string => (share === null ? NONE : `${(share * 100).toFixed(1)}%`);
const decimal = (value: number | null): string => (value === null ? NONE : value.toFixed(1));
const verdictOf = (item: { verdict: string | null; note: string | null }): string =>
  item.verdict ? `${VERDICTS[item.verdict] ?? item.verdict}${item.note ? `：${item.note}` : ''}` : '未核查';

const SCAN_FINDINGS: Record<WindowScan['finding'], string> = {
  pending: '视频识别未完成',
  failed: '视频识别失败',
  'vehicles-without-passage': '发现无台账记录的车辆',
  'unsure-reads': '有未能确认的车牌，需人工查看',
  'no-video': '时段内无视频',
  'cameras-without-video': '部分摄像机无视频',
  'all-seen-in-ledger': '视频中车辆均有台账记录',
};

const plates = (sightings: WindowScan['sightings'], finding: WindowScan['sightings'][number]['finding']) => {
  const found = [...new Set(sightings.filter((s) => s.finding === finding).map((s) => s.plate))];
  return found.length === 0 ? '无' : found.join('、');
};

/** What the system read from the window's archived video, in the report's rows. */
function scanRows(window: InspectionView['windows'][number]): (readonly [string, string])[] {
  const scan = window.scan;
  if (!scan) return [['视频识别', '未连接视频存档，未识别']];
  const finding =
    scan.status === 'failed' && scan.error
      ? `${SCAN_FINDINGS.failed}（${scan.error}）`
      : SCAN_FINDINGS[scan.finding];
  return [
    ['视频识别结论', finding],
    ['无台账记录的车辆', plates(scan.sightings, 'seen-without-passage')],
    ['未能确认的车牌', plates(scan.sightings, 'unsure')],
    ['有台账记录的车辆', plates(scan.sightings, 'in-ledger')],
    ['无视频的摄像机', scan.camerasWithoutVideo.length === 0 ? '无' : scan.camerasWithoutVideo.join('、')],
  ];
}

type SampledPassage = NonNullable<InspectionView['passages'][number]['passage']>;

/** An open disagreement between the vehicle's evidence sources, for the inspector to re-determine. */
function disagreement(review: SampledPassage['stageReview']): string {
  if (review?.state !== 'open') return '';
  const stages = review.sources.map((s) => `${SOURCES[s.source] ?? s.source} ${s.stage}`).join('、');
  return `\n证据不一致（待复核）：${stages}`;
}

function passageBlocks(inspection: InspectionView): ReportBlock[] {
  const rows = inspection.passages.map((item, index) => {
    const p = item.passage;
    if (!p)
      return [
        `${index + 1}`,
        '（已按保存期限删除）',
        shanghaiTime(item.capturedAt),
        NONE,
        NONE,
        NONE,
        verdictOf(item),
      ];
    return [
      `${index + 1}`,
      `${p.plate}（${STATES[p.state] ?? p.state}${p.manual ? '，人工补录' : ''}）`,
      `入 ${shanghaiTime(p.entryCapturedAt)}\n出 ${shanghaiTime(p.exitCapturedAt)}`,
      `${p.stage ?? '未知'}（${SOURCES[p.stageSource ?? 'unknown'] ?? p.stageSource}）${disagreement(p.stageReview)}`,
      percent(p.completeness),
      p.missingFields.length === 0 ? '无' : p.missingFields.join('、'),
      verdictOf(item),
    ];
  });
  return [
    { kind: 'heading', text: `二、抽查车辆记录（${inspection.passages.length} 条）` },
    {
      kind: 'table',
      columns: ['序号', '车牌', '进出时间', '排放阶段（来源）', '完整度', '缺失项', '核查结论'],
      rows,
    },
  ];
}

function windowBlocks(inspection: InspectionView): ReportBlock[] {
  const blocks: ReportBlock[] = [
    {
      kind: 'heading',
      text: `三、视频抽查时段（${inspection.windows.length} 个，${PLACEMENT[inspection.windowPlacement] ?? inspection.windowPlacement}）`,
    },
  ];
  inspection.windows.forEach((window, index) => {
    blocks.push({
      kind: 'fields',
      rows: [
        [`时段 ${index + 1}`, `${shanghaiTime(window.from)} 至 ${shanghaiTime(window.until)}`],
        [
          '时段内台账记录',
          window.passages.length === 0 ? '无' : window.passages.map((p) => p.plate).join('、'),
        ],
        ...scanRows(window),
        ['核查结论', verdictOf(window)],
      ],
    });
  });
  return blocks;
}

const TAMPER_KINDS: Record<string, string> = {
  shifted: '移位',
  covered: '遮挡',
  blurred: '失焦',
  'too-dark': '过暗',
  frozen: '画面冻结',
  'camera-alarm': '摄像机防破坏报警',
};
const ANOMALY_KINDS: Record<string, string> = {
  'seen-without-entry': '无入场记录',
  'entry-without-exit': '入场未出场',
  'exit-without-entry': '出场无入场',
  'refused-seen-inside': '被拦车辆出现在厂内',
  'below-minimum-stage-during-alert': '预警期间低于排放阶段要求',
};
const minutesOf = (seconds: number) => `${Math.round(seconds / 6) / 10}`;

/** Camera tampering and loading-area anomalies (issue #17), when the indicators carry them. */
function antiEvasionRows(indicators: ReportInput['indicators']): (readonly [string, string])[] {
  const rows: (readonly [string, string])[] = [];
  const { tampering, loadingAreaAnomalies: anomalies } = indicators;
  if (tampering) {
    const cameras = tampering.cameras.map(
      (c) =>
        `${c.cameraId} ${c.count} 次 ${minutesOf(c.seconds)} 分钟（${c.kinds.map((k) => TAMPER_KINDS[k] ?? k).join('、')}）`,
    );
    rows.push([
      '摄像机遮挡/移位',
      [
        `${tampering.count} 次，共 ${minutesOf(tampering.seconds)} 分钟${tampering.open ? `，未恢复 ${tampering.open} 次` : ''}`,
        ...cameras,
      ].join('\n'),
    ]);
  }
  if (anomalies) {
    const kinds = Object.entries(anomalies.byKind)
      .filter(([, count]) => count > 0)
      .map(([kind, count]) => `${ANOMALY_KINDS[kind] ?? kind} ${count}`);
    rows.push(['装卸区异常', [`共 ${anomalies.total} 起`, ...kinds].join('，')]);
  }
  return rows;
}

function indicatorBlocks(indicators: ReportInput['indicators']): ReportBlock[] {
  const { stageShares, stageSources, dailyVehicles, completeness } = indicators;
  return [
    { kind: 'heading', text: '四、企业指标' },
    {
      kind: 'fields',
      rows: [
        ['运输车次', `${indicators.trips}`],
        [
          '记录完整率',
          `${percent(completeness.rate)}（完整 ${completeness.complete} 条，平均完整度 ${percent(completeness.average)}）`,
        ],
        [
          '预警日日均车辆',
          `${decimal(dailyVehicles.alertDayAverage)}（预警日 ${dailyVehicles.alertDays.length} 天）`,
        ],
        [
          '非预警日日均车辆',
          `${decimal(dailyVehicles.otherDayAverage)}（${dailyVehicles.otherDayCount} 天）`,
        ],
        ...antiEvasionRows(indicators),
      ],
    },
    {
      kind: 'table',
      columns: ['排放阶段', '车次', '车次占比', '运量（吨）', '运量占比'],
      rows: EMISSION_STAGES.map((stage) => [
        stage,
        `${stageShares.trips.counts[stage] ?? 0}`,
        percent(stageShares.trips.shares[stage] ?? 0),
        decimal(stageShares.tonnes.amounts[stage] ?? 0),
        percent(stageShares.tonnes.shares[stage] ?? 0),
      ]),
    },
    {
      kind: 'table',
      columns: ['排放阶段来源', '车次', '占比'],
      rows: Object.entries(stageSources.counts).map(([source, count]) => [
        SOURCES[source] ?? source,
        `${count}`,
        percent(stageSources.shares[source as keyof typeof stageSources.shares]),
      ]),
    },
  ];
}

function chainText(chain: ReportChainResult | null): string {
  if (!chain) return '未核验（未配置集群签名密钥）';
  if (chain.ok) return `未发现篡改（核验链条目 ${chain.entries} 条）`;
  const first = chain.first;
  return first
    ? `发现篡改：${FINDINGS[first.kind] ?? first.kind}${first.seq ? `（链序号 ${first.seq}）` : ''}，${first.detail}`
    : '发现篡改';
}

/** The inspection report (核查报告) of an inspection: pure, from the view the API shows. */
export function reportDocument(input: ReportInput): ReportDocument {
  const { inspection } = input;
  return {
    title: '重污染天气应急运输核查报告',
    blocks: [
      { kind: 'heading', text: '一、核查概况' },
      {
        kind: 'fields',
        rows: [
          ['企业', inspection.enterpriseId],
          ['核查期间', `${inspection.from} 至 ${inspection.to}（北京时间）`],
          ['核查人', person(inspection.createdBy, inspection.createdByName)],
          ['抽样种子', inspection.seed],
          ['创建时间', shanghaiTime(inspection.createdAt)],
          [
            '结束时间',
            inspection.closedAt
              ? `${shanghaiTime(inspection.closedAt)}（${inspection.closedBy ? person(inspection.closedBy, inspection.closedByName) : NONE}）`
              : '未结束',
          ],
          ['已核查 / 不一致', `${inspection.marked} / ${inspection.inconsistent}`],
        ],
      },
      ...passageBlocks(inspection),
      ...windowBlocks(inspection),
      ...indicatorBlocks(input.indicators),
      { kind: 'heading', text: '五、台账防篡改核验' },
      {
        kind: 'fields',
        rows: [
          ['哈希链核验（SM3）', chainText(input.chain)],
          ['集群签名公钥指纹（SHA-256）', input.keyFingerprint ?? '未配置'],
          ['证据包 SHA-256', input.packSha256 ?? '尚未生成'],
          ['报告生成时间', shanghaiTime(input.generatedAt)],
        ],
      },
      {
        kind: 'paragraph',
        text: '证据包可离线核验：sha256sum -c SHA256SUMS 校验文件完整性，openssl pkeyutl -verify 校验签名，详见证据包内 VERIFY.txt。',
      },
    ],
  };
}
