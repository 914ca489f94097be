import { existsSync } from 'node:fs';
import { z } from 'zod';
import { type ReportFont } from './render-report-pdf';

/** Debian's fonts-noto-cjk (the ledger image installs it): the Simplified Chinese face of the collection. */
export const DEFAULT_REPORT_FONT: ReportFont = {
  file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  face: 'NotoSansCJKsc-Regular',
};

/** The inspection report's font (docs/ledger.md, Inspections). */
export const reportEnv = {
  /**
   * A CJK font file (TTF, OTF or a TTC collection). Set but missing stops the boot; unset, the
   * default is used, and a ledger without it answers report and pack requests with
   * `report-font-missing` (a developer machine without CJK fonts still runs everything else).
   */
  LEDGER_REPORT_FONT_FILE: z
    .string()
    .min(1)
    .refine((path) => existsSync(path), { message: 'no such file' })
    .optional(),
  /** The PostScript name of the face within a collection (TTC); empty for a single-face file. */
  LEDGER_REPORT_FONT_FACE: z.string().optional(),
};

export interface ReportConfig {
  readonly font: ReportFont;
}

export function reportConfig(env: z.infer<z.ZodObject<typeof reportEnv>>): ReportConfig {
  const file = env.LEDGER_REPORT_FONT_FILE ?? DEFAULT_REPORT_FONT.file;
  const face =
    env.LEDGER_REPORT_FONT_FACE ?? (env.LEDGER_REPORT_FONT_FILE ? undefined : DEFAULT_REPORT_FONT.face);
  return { font: { file, ...(face ? { face } : {}) } };
}
