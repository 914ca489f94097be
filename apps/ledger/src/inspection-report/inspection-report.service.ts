import { createPublicKey } from 'node:crypto';
import { existsSync } from 'node:fs';
import { type DataSource, type EnterpriseId } from '@ecogate/persistence';
import { audit } from '../audit/audit';
import { type ChainSigner } from '../chain/chain-signing';
import { verifyChain, type VerifyChainSettings } from '../chain/verify-chain';
import { LedgerException } from '../errors/ledger.exception';
import { keyFingerprint } from '../evidence-pack/pack-manifest';
import { type InspectionService } from '../inspection/inspection.service';
import { periodOf } from '../statistics/statistics-summary.service';
import { type ReportConfig } from './report.config';
import { type ReportInput, reportDocument } from './report-document';
import { renderReportPdf } from './render-report-pdf';

/** The fingerprint of the cluster's chain key (SHA-256 of its SPKI DER), as the report and VERIFY.txt show it. */
export const signerFingerprint = (signer: ChainSigner): string =>
  keyFingerprint(createPublicKey(signer.publicKeyPem).export({ type: 'spki', format: 'der' }));

/**
 * The inspection report (核查报告, PDF): the inspection as the API shows it, the enterprise's
 * indicators, the hash chain verified over the period, the key's fingerprint and the latest
 * pack's hash. Served directly (audited) and put into each evidence pack.
 */
export class InspectionReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inspections: InspectionService,
    private readonly signer: ChainSigner | undefined,
    private readonly chainSettings: VerifyChainSettings,
    private readonly config: ReportConfig,
    /** The SHA-256 of the inspection's newest built pack, if any. */
    private readonly latestPackSha256: (
      enterpriseId: EnterpriseId,
      inspectionId: string,
    ) => Promise<string | null>,
  ) {}

  /** The report's data, gathered now (the chain is verified as it stands). */
  async input(
    enterpriseId: EnterpriseId,
    inspectionId: string,
    options: { insidePack: boolean },
  ): Promise<ReportInput> {
    const inspection = await this.inspections.get(enterpriseId, inspectionId);
    const indicators = await this.inspections.indicators(enterpriseId, inspectionId);
    const period = periodOf({ from: inspection.from, to: inspection.to });
    const chain = this.signer
      ? await verifyChain(this.dataSource.manager, this.signer, this.chainSettings, {
          enterpriseId,
          from: period.from,
          to: period.until,
        })
      : null;
    return {
      inspection,
      indicators,
      chain,
      keyFingerprint: this.signer ? signerFingerprint(this.signer) : null,
      // A pack's own report cannot carry the pack's hash: it says where to find it instead.
      packSha256: options.insidePack
        ? '见证据包下载页面（本报告位于该证据包内）'
        : await this.latestPackSha256(enterpriseId, inspectionId),
      generatedAt: new Date(),
    };
  }

  render(input: ReportInput): Promise<Buffer> {
    if (!existsSync(this.config.font.file))
      throw new LedgerException(
        'report-font-missing',
        `the report's CJK font ${this.config.font.file} is not installed: install fonts-noto-cjk or set LEDGER_REPORT_FONT_FILE`,
      );
    return renderReportPdf(reportDocument(input), this.config.font, input.generatedAt);
  }

  /** `GET …/report.pdf`: rendered now and audited as the caller's download. */
  async download(enterpriseId: EnterpriseId, inspectionId: string, actor: string): Promise<Buffer> {
    const input = await this.input(enterpriseId, inspectionId, { insidePack: false });
    const pdf = await this.render(input);
    await this.dataSource.transaction((tx) =>
      audit(tx, enterpriseId, {
        actor,
        entityType: 'inspection',
        entityId: inspectionId,
        action: 'report',
        before: null,
        after: { bytes: pdf.length, chainOk: input.chain?.ok ?? null, packSha256: input.packSha256 },
      }),
    );
    return pdf;
  }
}
