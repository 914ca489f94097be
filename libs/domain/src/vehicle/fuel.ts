/** Fuel (燃料种类) as on the vehicle licence or the NRMM registration. */
export const FUELS = ['diesel', 'gasoline', 'natural-gas', 'electric', 'hybrid', 'hydrogen'] as const;

export type Fuel = (typeof FUELS)[number];

/** Fuels the emission-stage tables know dates for; a hybrid runs on one of them. */
export type CombustionFuel = 'diesel' | 'gasoline' | 'natural-gas';

const fuels: ReadonlySet<string> = new Set(FUELS);

export const isFuel = (value: unknown): value is Fuel => typeof value === 'string' && fuels.has(value);

/**
 * No tailpipe: battery electric and hydrogen fuel cell. Hybrids carry an engine with a stage of its
 * own, so they are not counted here (statistics count a hybrid by its engine's stage).
 */
export const isZeroEmissionFuel = (fuel: Fuel): boolean => fuel === 'electric' || fuel === 'hydrogen';

/**
 * The combustion fuels a vehicle may burn. `hybrid` does not say which fuel its engine burns, so it
 * may be any; callers that must understate take the lowest answer over them.
 */
export function combustionFuelsOf(fuel: Fuel): readonly CombustionFuel[] {
  switch (fuel) {
    case 'diesel':
    case 'gasoline':
    case 'natural-gas':
      return [fuel];
    case 'hybrid':
      return ['diesel', 'gasoline', 'natural-gas'];
    case 'electric':
    case 'hydrogen':
      return [];
  }
}

export const FUEL_LABELS: Readonly<Record<Fuel, { zh: string; en: string }>> = {
  diesel: { zh: '柴油', en: 'diesel' },
  gasoline: { zh: '汽油', en: 'gasoline' },
  'natural-gas': { zh: '天然气', en: 'natural gas' },
  electric: { zh: '纯电动', en: 'electric' },
  hybrid: { zh: '混合动力', en: 'hybrid' },
  hydrogen: { zh: '氢燃料电池', en: 'hydrogen fuel cell' },
};
