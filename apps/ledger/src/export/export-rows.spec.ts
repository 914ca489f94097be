import { IN_PLANT_EXPORT_TITLES, MACHINERY_EXPORT_TITLES, TRANSPORT_EXPORT_TITLES } from '@ecogate/domain';
import {
  ENTERPRISE_COLUMN,
  NOTES_COLUMN,
  type PassageSource,
  sheetCells,
  sheetLayout,
  transportRecord,
} from './export-rows';

const passage = (changes: Partial<PassageSource> = {}): PassageSource => ({
  id: '00000000-0000-4000-8000-000000000001',
  capturedAt: new Date('2024-03-05T01:02:03Z'),
  plate: '冀A12345',
  plateColour: 'yellow',
  entryCapturedAt: new Date('2024-03-05T01:02:03Z'),
  exitCapturedAt: new Date('2024-03-05T03:04:05.600Z'),
  stage: 'VI',
  cargoName: '铁矿石',
  cargoTonnes: 31.5,
  fleet: null,
  vehicle: {
    vin: 'LFWSRXRJ1M1F12345',
    engineNo: 'WP10H400E62-123456',
    registrationDate: '2021-08-15',
    fleet: '自有',
  },
  ...changes,
});

/** A row as `{title: cell}`, so a test reads like the sheet. */
function byTitle(cells: readonly string[], several = false): Record<string, string> {
  const titles = sheetLayout('passages', several).columns.map((column) => column.title);
  return Object.fromEntries(titles.map((title, i) => [title, cells[i] ?? '']));
}

describe('sheet layout', () => {
  it('heads each ledger with the guide’s titles from the domain, in its order, then 备注', () => {
    const titlesOf = (ledger: Parameters<typeof sheetLayout>[0]) =>
      sheetLayout(ledger, false).columns.map((column) => column.title);
    expect(titlesOf('passages')).toEqual([...Object.values(TRANSPORT_EXPORT_TITLES), NOTES_COLUMN.title]);
    expect(titlesOf('in-plant-vehicles')).toEqual([
      ...Object.values(IN_PLANT_EXPORT_TITLES),
      NOTES_COLUMN.title,
    ]);
    expect(titlesOf('machinery')).toEqual([...Object.values(MACHINERY_EXPORT_TITLES), NOTES_COLUMN.title]);
  });

  it('puts 企业编号 first when the sheet holds several enterprises', () => {
    const layout = sheetLayout('passages', true);
    expect(layout.columns[0]).toEqual(ENTERPRISE_COLUMN);
    expect(layout.sheetName).toBe('进出厂运输车辆台账');
  });

  it('gives every column a width at least as wide as its title (a CJK character counts two)', () => {
    for (const ledger of ['passages', 'in-plant-vehicles', 'machinery'] as const) {
      for (const column of sheetLayout(ledger, true).columns) {
        const titleWidth = Array.from(column.title).reduce(
          (width, char) => width + (char.charCodeAt(0) > 0x2e7f ? 2 : 1),
          0,
        );
        expect({ title: column.title, fits: column.width >= titleWidth }).toEqual({
          title: column.title,
          fits: true,
        });
      }
    }
  });
});

describe('passage rows', () => {
  it('maps a passage and its registered vehicle to the guide’s cells, times in Asia/Shanghai', () => {
    expect(byTitle(sheetCells('passages', passage()))).toEqual({
      进厂时间: '20240305 090203',
      出厂时间: '20240305 110405',
      车牌号码: '冀A12345',
      号牌颜色: '黄色',
      注册登记日期: '20210815',
      '车辆识别代号（VIN）': 'LFWSRXRJ1M1F12345',
      发动机号码: 'WP10H400E62-123456',
      排放阶段: '6',
      运输货物名称: '铁矿石',
      '运输量（吨）': '31.5',
      车队名称: '自有',
      备注: '',
    });
  });

  it('prefers the passage’s fleet to the registry’s and leaves what is unknown empty', () => {
    const cells = byTitle(
      sheetCells(
        'passages',
        passage({
          fleet: '冀运物流',
          vehicle: undefined,
          exitCapturedAt: null,
          stage: null,
          cargoTonnes: null,
        }),
      ),
    );
    expect(cells).toMatchObject({
      车队名称: '冀运物流',
      出厂时间: '',
      注册登记日期: '',
      '车辆识别代号（VIN）': '',
      排放阶段: '',
      '运输量（吨）': '',
    });
  });

  it('keeps the enterprise in the first column of a sheet over several enterprises', () => {
    expect(byTitle(sheetCells('passages', passage(), 'ent-a'), true)).toMatchObject({
      企业编号: 'ent-a',
      车牌号码: '冀A12345',
    });
  });

  it('never drops a row the domain refuses: the value as recorded, and why in 备注', () => {
    const cells = byTitle(
      sheetCells('passages', passage({ plate: '冀A12345挂挂挂挂', stage: 'none', cargoTonnes: 1000 })),
    );
    expect(cells).toMatchObject({
      车牌号码: '冀A12345挂挂挂挂',
      排放阶段: 'X',
      '运输量（吨）': '1000',
      // The rest of the row is mapped as usual.
      进厂时间: '20240305 090203',
      '车辆识别代号（VIN）': 'LFWSRXRJ1M1F12345',
    });
    expect(cells['备注']).toBe(
      [
        '车牌号码：超过栏宽，原值照录',
        '排放阶段：X（无排放阶段）仅用于非道路移动机械，原值照录',
        '运输量（吨）：超出 0–999.9 吨，原值照录',
      ].join('；'),
    );
  });

  it('says in 备注 what the domain shortened or rounded', () => {
    const cells = byTitle(
      sheetCells('passages', passage({ cargoName: '铁'.repeat(40), cargoTonnes: 31.46 })),
    );
    expect(cells['运输货物名称']).toBe('铁'.repeat(32));
    expect(cells['运输量（吨）']).toBe('31.5');
    expect(cells['备注']).toBe('运输货物名称：超过栏宽，已截短；运输量（吨）：已四舍五入到 0.1 吨');
  });

  it('reads a plate colour it does not know as recorded', () => {
    expect(byTitle(sheetCells('passages', passage({ plateColour: 'purple' })))['号牌颜色']).toBe('purple');
  });

  it('builds the domain record without the registry when the vehicle is not registered', () => {
    expect(transportRecord(passage({ vehicle: undefined, fleet: null }))).toMatchObject({
      plate: '冀A12345',
      vin: undefined,
      fleetName: undefined,
    });
  });
});

describe('registry rows', () => {
  it('maps an in-plant vehicle (ledger B)', () => {
    expect(
      sheetCells('in-plant-vehicles', {
        number: '厂内-07',
        registrationDate: '2019-05-01',
        vin: 'LFWSRXRJ1M1F12345',
        engineNo: 'E-1',
        emissionStage: 'electric',
      }),
    ).toEqual(['厂内-07', '20190501', 'LFWSRXRJ1M1F12345', 'E-1', 'D', '']);
  });

  it('maps a machine (ledger C), where X is a stage', () => {
    expect(
      sheetCells(
        'machinery',
        {
          registrationCode: '13010020190001',
          productionDate: null,
          emissionStage: 'none',
          machineCode: null,
        },
        'ent-b',
      ),
    ).toEqual(['ent-b', '13010020190001', '', 'X', '', '']);
  });
});
