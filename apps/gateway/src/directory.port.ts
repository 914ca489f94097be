/**
 * Which enterprises lie in an inspector's districts: the enterprise directory answers (its
 * implementation lives with the directory; this is the gateway's side of the seam).
 */
export interface EnterpriseDirectory {
  enterpriseIdsInDistricts(districts: readonly string[]): Promise<string[]>;
}

/**
 * Until the directory is wired in: a fixed district → enterprises map from config
 * (`GATEWAY_DISTRICT_ENTERPRISES`, e.g. `320102:E1|E2,320104:E3`); unknown districts give none.
 */
export class ConfiguredEnterpriseDirectory implements EnterpriseDirectory {
  constructor(private readonly byDistrict: ReadonlyMap<string, readonly string[]> = new Map()) {}

  static parse(text: string | undefined): ConfiguredEnterpriseDirectory {
    const map = new Map<string, string[]>();
    for (const entry of (text ?? '').split(',').map((part) => part.trim())) {
      const [district, enterprises] = entry.split(':');
      if (district && enterprises) map.set(district, enterprises.split('|').filter(Boolean));
    }
    return new ConfiguredEnterpriseDirectory(map);
  }

  async enterpriseIdsInDistricts(districts: readonly string[]): Promise<string[]> {
    return [...new Set(districts.flatMap((district) => this.byDistrict.get(district) ?? []))];
  }
}
