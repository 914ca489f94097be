// 行驶证 vehicle types are names from GA 802's closed list (重型半挂牵引车, 小型普通客车, 中型自卸货车…):
// a size, one or two body words, a class. Checking each part against its closed vocabulary turns an
// OCR slip inside the name (仓播式 for 仓栅式, a dropped 普) into "unreadable" rather than a new type.

const SIZES = ['重型', '中型', '轻型', '微型', '大型', '小型'];
const BODIES = [
  '普通',
  '厢式',
  '封闭',
  '罐式',
  '平板',
  '集装厢',
  '集装箱',
  '自卸',
  '特殊结构',
  '仓栅式',
  '双层',
  '卧铺',
  '铰接',
  '越野',
  '专用',
  '专项',
  '旅居',
  '低平板',
  '车辆运输',
  '中置轴',
  '半挂',
  '全挂',
];
const CLASSES = [
  '货车',
  '客车',
  '轿车',
  '面包车',
  '校车',
  '牵引车',
  '半挂车',
  '全挂车',
  '挂车',
  '作业车',
  '运输车',
  '车',
];

const alternation = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length).join('|');
const NAME = new RegExp(
  `^(?:${alternation(SIZES)})(?:${alternation(BODIES)}){0,3}(?:${alternation(CLASSES)})$`,
  'u',
);

/** Whether `text` is a vehicle type name as GA 802 forms them. */
export function isVehicleTypeName(text: string): boolean {
  return NAME.test(text);
}
