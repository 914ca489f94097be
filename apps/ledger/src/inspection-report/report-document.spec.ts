import { type ReportBlock, reportDocument, shanghaiTime } from './report-document';
import { reportFixture } from './report-fixture';

const fieldsOf = (blocks: readonly ReportBlock[]) =>
  new Map(
    blocks.flatMap((block) => (block.kind === 'fields' ? block.rows.map(([k, v]) => [k, v] as const) : [])),
  );
const tables = (blocks: readonly ReportBlock[]) =>
  blocks.flatMap((block) => (block.kind === 'table' ? [block] : []));

describe('reportDocument', () => {
  it('tells the inspection, each sampled passage with its verdict, each window and the chain result', () => {
    const document = reportDocument(reportFixture());
    const fields = fieldsOf(document.blocks);
    expect(fields.get('企业')).toBe('ent-1');
    expect(fields.get('核查期间')).toBe('2026-03-01 至 2026-03-31（北京时间）');
    expect(fields.get('核查人')).toBe('王检查 inspector-7');
    expect(fields.get('抽样种子')).toBe('seed-42');
    expect(fields.get('创建时间')).toBe('2026-04-01 09:00:00');
    expect(fields.get('结束时间')).toBe('2026-04-01 10:00:00（王检查 inspector-7）');
    expect(fields.get('时段 1')).toBe('2026-03-11 10:00:00 至 2026-03-11 10:10:00');
    expect(fields.get('时段内台账记录')).toBe('冀A12345');
    expect(fields.get('哈希链核验（SM3）')).toBe('未发现篡改（核验链条目 1234 条）');
    expect(fields.get('集群签名公钥指纹（SHA-256）')).toBe('ab12:cd34');
    expect(fields.get('证据包 SHA-256')).toBe('尚未生成');
    const [passages] = tables(document.blocks);
    expect(passages!.rows).toEqual([
      [
        '1',
        '冀A12345（在厂内）',
        '入 2026-03-10 09:00:00\n出 —',
        'VI（随车清单/行驶证）',
        '80.0%',
        'cargoTonnes',
        '不一致：随车清单与车辆不符',
      ],
    ]);
    expect(fields.get('记录完整率')).toBe('75.0%（完整 3 条，平均完整度 90.0%）');
    // No scan in the view: no row for it.
    expect(fields.has('视频识别（无台账记录的车辆等）')).toBe(false);
  });

  it("renders a window's scan whatever its shape, and names the first tampering found", () => {
    const input = reportFixture({
      chain: {
        ok: false,
        entries: 9,
        first: { kind: 'record-altered', seq: 7, detail: 'passages/x differs' },
      },
      packSha256: 'f'.repeat(64),
    });
    const sighting = (plate: string, finding: 'in-ledger' | 'seen-without-passage' | 'unsure') => ({
      plate,
      cameraId: 'gate-1',
      firstSeenAt: '2026-03-11T02:03:00.000Z',
      lastSeenAt: '2026-03-11T02:03:04.000Z',
      frames: 4,
      bestConfidence: 0.97,
      trusted: finding !== 'unsure',
      framePath: '/frames/0.jpg',
      passageId: finding === 'in-ledger' ? 'p1' : null,
      finding,
    });
    const windows = input.inspection.windows.map((w) => ({
      ...w,
      scan: {
        status: 'done' as const,
        scanId: 's1',
        progress: { framesDone: 600, framesTotal: 600 },
        error: null,
        failedCalls: 0,
        finishedAt: '2026-04-01T01:10:00.000Z',
        marginSeconds: 120,
        cameras: [
          { cameraId: 'gate-1', videoSeconds: 600, gapSeconds: 0 },
          { cameraId: 'yard-2', videoSeconds: 0, gapSeconds: 600 },
        ],
        camerasWithoutVideo: ['yard-2'],
        sightings: [
          sighting('冀B99999', 'seen-without-passage'),
          sighting('冀B99999', 'seen-without-passage'),
          sighting('冀A12345', 'in-ledger'),
          sighting('冀C1234?', 'unsure'),
        ],
        seenWithoutPassage: 1,
        unsure: 1,
        finding: 'vehicles-without-passage' as const,
      },
      scanUnavailableReason: null,
    }));
    const fields = fieldsOf(
      reportDocument({ ...input, inspection: { ...input.inspection, windows } }).blocks,
    );
    expect(fields.get('视频识别结论')).toBe('发现无台账记录的车辆');
    expect(fields.get('无台账记录的车辆')).toBe('冀B99999');
    expect(fields.get('未能确认的车牌')).toBe('冀C1234?');
    expect(fields.get('有台账记录的车辆')).toBe('冀A12345');
    expect(fields.get('无视频的摄像机')).toBe('yard-2');
    expect(fields.get('哈希链核验（SM3）')).toBe('发现篡改：台账记录被修改（链序号 7），passages/x differs');
    expect(fields.get('证据包 SHA-256')).toBe('f'.repeat(64));
  });

  it("names an open disagreement of a sampled vehicle's evidence sources beside its stage", () => {
    const input = reportFixture();
    const sampled = input.inspection.passages[0];
    if (!sampled?.passage) throw new Error('the fixture samples a passage');
    const stageReview = {
      plate: sampled.passage.plate,
      state: 'open' as const,
      sources: [
        { source: 'document' as const, stage: 'V' as const, at: '2026-03-01T00:00:00.000Z' },
        { source: 'manual' as const, stage: 'VI' as const, at: '2026-03-02T00:00:00.000Z' },
      ],
      flaggedAt: new Date('2026-03-02T00:00:00Z'),
      resolvedBy: null,
      resolvedAt: null,
      note: null,
    };
    const withReview = {
      ...input,
      inspection: {
        ...input.inspection,
        passages: [{ ...sampled, passage: { ...sampled.passage, stageReview } }],
      },
    };
    const cells = (document: { blocks: readonly ReportBlock[] }) =>
      document.blocks.flatMap((block) => (block.kind === 'table' ? block.rows.flat() : []));
    expect(
      cells(reportDocument(withReview)).some((cell) =>
        cell.includes('证据不一致（待复核）：随车清单/行驶证 V、人工录入 VI'),
      ),
    ).toBe(true);
    expect(cells(reportDocument(input)).some((cell) => cell.includes('证据不一致'))).toBe(false);
  });

  it('counts camera tampering and loading-area anomalies when the indicators carry them', () => {
    const fixture = reportFixture();
    const fields = fieldsOf(
      reportDocument({
        ...fixture,
        indicators: {
          ...fixture.indicators,
          tampering: {
            count: 2,
            seconds: 5400,
            cameras: [{ cameraId: 'cam-yard', count: 2, seconds: 5400, kinds: ['camera-alarm', 'covered'] }],
            open: 1,
          },
          loadingAreaAnomalies: {
            byKind: {
              'seen-without-entry': 2,
              'entry-without-exit': 0,
              'exit-without-entry': 1,
              'refused-seen-inside': 0,
              'below-minimum-stage-during-alert': 0,
            },
            total: 3,
          },
        },
      }).blocks,
    );
    expect(fields.get('摄像机遮挡/移位')).toBe(
      '2 次，共 90 分钟，未恢复 1 次\ncam-yard 2 次 90 分钟（摄像机防破坏报警、遮挡）',
    );
    expect(fields.get('装卸区异常')).toBe('共 3 起，无入场记录 2，出场无入场 1');
    // Without them (an older caller): no row.
    expect(fieldsOf(reportDocument(fixture).blocks).has('摄像机遮挡/移位')).toBe(false);
  });

  it('formats instants in Shanghai time and anything else in one line', () => {
    expect(shanghaiTime('2026-03-10T16:30:00Z')).toBe('2026-03-11 00:30:00');
    expect(shanghaiTime(null)).toBe('—');
  });
});
