import { computeVinCheckDigit } from '@ecogate/domain';
import { BAD_CHECK_DIGIT_CONFIDENCE, extractLicenceFields, normaliseDate } from './licence-fields';
import { textRow, type TextRow } from './text-lines';
import { isVehicleTypeName } from './vehicle-type-name';

const VIN = 'LFWSRXRJ5K1E12345';
const vinWithCheck = (draft: string) =>
  `${draft.slice(0, 8)}${computeVinCheckDigit(draft) ?? ''}${draft.slice(9)}`;

const licence = (overrides: Partial<Record<'plate' | 'type' | 'vin' | 'engine' | 'date', string>> = {}) =>
  [
    '中华人民共和国机动车行驶证',
    `号牌号码 ${overrides.plate ?? '冀B12345'} 车辆类型 ${overrides.type ?? '重型半挂牵引车'}`,
    '所有人 唐山顺达物流有限公司',
    '使用性质 货运 品牌型号 解放牌CA4250',
    `车辆识别代号 ${overrides.vin ?? vinWithCheck(VIN)}`,
    `发动机号码 ${overrides.engine ?? '19K123456'}`,
    `注册日期 ${overrides.date ?? '2019-05-12'} 发证日期 2020-01-03`,
  ].map((line) => textRow(line, 0.95));

describe('extractLicenceFields', () => {
  it('reads every field after its label on the same row', () => {
    expect(extractLicenceFields(licence())).toEqual({
      kind: 'driving-licence',
      found: true,
      fields: {
        plate: { value: '冀B12345', confidence: 0.95 },
        vehicleType: { value: '重型半挂牵引车', confidence: 0.95 },
        vin: { value: vinWithCheck(VIN), confidence: 0.95 },
        engineNo: { value: '19K123456', confidence: 0.95 },
        registrationDate: { value: '2019-05-12', confidence: 0.95 },
      },
      unreadable: [],
    });
  });

  it('reads a value the detector merged with its label, and a colon after the label', () => {
    const read = extractLicenceFields([
      textRow('车辆识别代号：' + vinWithCheck(VIN)),
      textRow('注册日期2019-05-12'),
    ]);
    expect(read.fields.vin?.value).toBe(vinWithCheck(VIN));
    expect(read.fields.registrationDate?.value).toBe('2019-05-12');
    expect(read.found).toBe(true);
  });

  it('never takes the issue date for the registration date', () => {
    const rows = [textRow('号牌号码 冀B12345'), textRow('发证日期 2020-01-03')];
    const read = extractLicenceFields(rows);
    expect(read.fields.registrationDate).toBeUndefined();
    expect(read.unreadable).toContain('registrationDate');
    // Beside each other: the registration date ends where 发证日期 begins.
    expect(
      extractLicenceFields([textRow('注册日期 2019-05-12 发证日期 2020-01-03 号牌号码 冀B12345')]).fields
        .registrationDate?.value,
    ).toBe('2019-05-12');
  });

  it('reads a label with one character misread, but not one that is another label', () => {
    const read = extractLicenceFields([
      textRow('车辆识别代码 ' + vinWithCheck(VIN)),
      textRow('注删日期 2019-05-12'),
      textRow('号牌号码 冀B12345'),
    ]);
    expect(read.fields.vin?.value).toBe(vinWithCheck(VIN));
    expect(read.fields.registrationDate?.value).toBe('2019-05-12');
  });

  it('puts a VIN that fails validation in unreadable instead of repairing it', () => {
    const withO = vinWithCheck(VIN).replace('1', 'O');
    for (const vin of [withO, vinWithCheck(VIN).slice(0, 16), `${vinWithCheck(VIN)}7`]) {
      const read = extractLicenceFields(licence({ vin }));
      expect(read.fields.vin).toBeUndefined();
      expect(read.unreadable).toEqual(['vin']);
    }
  });

  it('keeps a VIN whose check digit is wrong, at a confidence that asks a person to look', () => {
    const good = vinWithCheck(VIN);
    const wrongCheck = `${good.slice(0, 8)}${good[8] === '1' ? '2' : '1'}${good.slice(9)}`;
    expect(extractLicenceFields(licence({ vin: wrongCheck })).fields.vin).toEqual({
      value: wrongCheck,
      confidence: BAD_CHECK_DIGIT_CONFIDENCE,
    });
  });

  it('gives a field the confidence of its least confident character', () => {
    const row: TextRow = textRow(`车辆识别代号 ${vinWithCheck(VIN)}`, 0.99);
    const characters = row.characters.map((c, i) => (i === 10 ? { ...c, confidence: 0.41 } : c));
    const read = extractLicenceFields([{ ...row, characters }, textRow('号牌号码 冀B12345')]);
    expect(read.fields.vin?.confidence).toBeCloseTo(0.41);
  });

  it('drops values that are not what the label promises', () => {
    const read = extractLicenceFields(
      licence({ plate: '冀B1234', type: '货运', engine: '12', date: '2019-02-30' }),
    );
    expect(read.unreadable).toEqual(['plate', 'vehicleType', 'engineNo', 'registrationDate']);
    expect(Object.keys(read.fields)).toEqual(['vin']);
  });

  it('is not a licence without its title or two labels', () => {
    expect(extractLicenceFields([textRow('车辆识别代号 ' + vinWithCheck(VIN)), textRow('随车清单')])).toEqual(
      {
        kind: 'driving-licence',
        found: false,
        fields: {},
        unreadable: ['plate', 'vehicleType', 'vin', 'engineNo', 'registrationDate'],
      },
    );
    expect(extractLicenceFields([textRow('中华人民共和国机动车行驶证')]).found).toBe(true);
    expect(extractLicenceFields([]).found).toBe(false);
  });
});

describe('normaliseDate', () => {
  const today = new Date('2026-12-07T00:00:00Z');
  it.each([
    ['2019-05-12', '2019-05-12'],
    ['2019.5.2', '2019-05-02'],
    ['2019年05月12日', '2019-05-12'],
    ['20190512', '2019-05-12'],
    ['２０１９-０５-１２', '2019-05-12'],
  ])('%s → %s', (text, date) => expect(normaliseDate(text, today)).toBe(date));

  it.each(['2019-02-30', '2019-13-01', '1930-01-01', '2027-01-01', '2019-05', '2019-05-12X'])(
    'refuses %s',
    (text) => expect(normaliseDate(text, today)).toBeUndefined(),
  );
});

describe('isVehicleTypeName', () => {
  it.each([
    '重型半挂牵引车',
    '小型普通客车',
    '中型自卸货车',
    '重型仓栅式货车',
    '重型厢式自卸货车',
    '重型低平板半挂车',
    '小型轿车',
  ])('accepts %s', (name) => expect(isVehicleTypeName(name)).toBe(true));
  it.each(['重型仓播式货车', '中型通货车', '货运', '重型', '普通货车', '重型半挂牵引车车车车'])(
    'refuses %s',
    (name) => expect(isVehicleTypeName(name)).toBe(false),
  );
});
