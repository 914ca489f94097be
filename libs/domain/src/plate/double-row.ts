import { normalisePlateText } from './plate-text';
import { isProvince } from './provinces';

// A row that opens a plate: province (京E), armed police (WJ京), embassy (使) or civil aviation (民航).
const opensPlate = (row: string): boolean => {
  const first = Array.from(row)[0] ?? '';
  return isProvince(first) || first === '使' || first === '民' || row.startsWith('WJ');
};

/**
 * Joins the two rows of a double-row plate (large-vehicle and trailer rear plates) in reading order:
 * the top row carries the province and authority letter (`京E`), the bottom row the serial
 * (`A5331`, `1234挂`). Recognisers that read the rows bottom-first are put right when only the
 * bottom row opens a plate. Returns folded text (see `normalisePlateText`); validate it with
 * `parsePlate`. Never throws.
 */
export function joinDoubleRowPlate(top: string, bottom: string): string {
  const upper = normalisePlateText(top);
  const lower = normalisePlateText(bottom);
  return opensPlate(lower) && !opensPlate(upper) ? lower + upper : upper + lower;
}
