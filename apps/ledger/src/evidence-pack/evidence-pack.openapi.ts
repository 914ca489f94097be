import { type RouteDescriptor } from '@ecogate/http-edge';
import { z } from 'zod';
import { refusal } from '../api/ledger-responses';
import { evidencePackSchema } from './evidence-pack.schemas';

/** The inspection's report and evidence packs: spread into `inspectionRoutes`. */
const BASE = '/api/v1/enterprises/:enterpriseId/inspections/:inspectionId';
const inspection = z.object({
  enterpriseId: z.string().describe('The tenant (enterprise id)'),
  inspectionId: z.uuid(),
});
const invalid = refusal('invalid-request, invalid-enterprise-id');
const notSetUp = refusal('report-font-missing, chain-key-not-configured');

export const evidencePackRoutes: RouteDescriptor[] = [
  {
    method: 'get',
    path: `${BASE}/report.pdf`,
    summary:
      'The inspection report (核查报告, PDF in Chinese): sample, verdicts, windows, indicators, the hash chain verified ' +
      "over the period, the cluster key's fingerprint, the latest evidence pack's SHA-256; rendered now, audited",
    tags: ['inspections'],
    params: inspection,
    responses: {
      200: {
        description: 'The report',
        contentType: 'application/pdf',
        schema: z.string().describe('PDF bytes'),
      },
      400: invalid,
      404: refusal('inspection-not-found'),
      503: refusal('report-font-missing'),
    },
  },
  {
    method: 'post',
    path: `${BASE}/evidence-packs`,
    summary:
      'Build an evidence pack (ZIP: report, records with audit trails, photos, clips, chain proof, SHA256SUMS signed ' +
      'with the cluster key) in the background; audited. Verify offline: `main.ts --verify-pack` or sha256sum/openssl',
    tags: ['inspections'],
    params: inspection,
    responses: {
      202: { description: 'The queued pack job', schema: evidencePackSchema },
      400: invalid,
      404: refusal('inspection-not-found'),
      503: notSetUp,
    },
  },
  {
    method: 'get',
    path: `${BASE}/evidence-packs/:packId`,
    summary:
      'A pack job: state, progress, size and SHA-256, and once built a short-lived download link (audited as a download)',
    tags: ['inspections'],
    params: inspection.extend({ packId: z.uuid() }),
    responses: {
      200: { description: 'The pack job', schema: evidencePackSchema },
      400: invalid,
      404: refusal('evidence-pack-not-found'),
    },
  },
];
