import { idSchema } from '@ecogate/contracts';
import { buildOpenApiDocument, type RouteDescriptor, type RouteResponse } from '@ecogate/http-edge';
import { z } from 'zod';
import { legalHoldRequest, type LegalHoldResult } from '../legal-hold/legal-hold.service';
import { outageFilingRequest, type OutageFilingView } from '../outage/outage-filing.service';
import { outagesQuery, type OutageReportRow } from '../outage/outage-report.service';
import { windowQuery } from '../playback/playback.controller';
import { type PassageClipView } from '../playback/playback.service';
import { type RetentionReport } from '../retention/retention-report.service';
import { frameParam, scanIdParam } from '../window-scan/window-scan.controller';
import { windowScanRequest } from '../window-scan/window-scan.service';
import { type WindowScanView } from '../window-scan/window-scan.view';

// `CodedErrorFilter`'s body.
const errorSchema = z.object({ code: z.string(), reason: z.string() });
const refusal = (description: string): RouteResponse => ({ description, schema: errorSchema });
const BASE = '/api/v1/enterprises/:enterpriseId';
const enterprise = z.object({ enterpriseId: z.string().describe('The tenant (enterprise id)') });
const camera = enterprise.extend({ cameraId: idSchema });
const invalid = refusal('invalid-request, invalid-enterprise-id');
// The policy guard's refusals, on every route but health.
const guarded = {
  401: refusal('unauthenticated: no valid bearer token'),
  403: refusal('forbidden: the role may not do this'),
};
const notFound = (codes?: string) =>
  refusal([codes, 'not-found (an enterprise outside the token)'].filter(Boolean).join(', '));

// Response shapes, checked against the types the services return so they cannot drift silently.
const window = { from: z.string(), to: z.string() };
const legalHoldResult = z.object({
  cameraId: z.string(),
  ...window,
  hold: z.boolean(),
  objects: z.number().int(),
}) satisfies z.ZodType<LegalHoldResult>;
const filingView = z.object({
  id: z.string(),
  cameraId: z.string(),
  ...window,
  reason: z.string(),
  filedBy: z.string().describe('The subject of the token that filed it'),
  filedAt: z.string(),
}) satisfies z.ZodType<OutageFilingView>;
const outageRow = z.object({
  cameraId: z.string(),
  ...window,
  seconds: z.number().describe('Seconds of the outage inside the period asked for'),
  filed: z.boolean().describe('Covered entirely by one filing made before it started'),
  filingId: z.string().nullable(),
}) satisfies z.ZodType<OutageReportRow>;
const retentionReport = z.object({
  enterpriseId: z.string(),
  retentionDays: z.number().int(),
  generatedAt: z.string(),
  cameras: z.array(
    z.object({
      cameraId: z.string(),
      oldestSegment: z.string(),
      newestSegmentEnd: z.string(),
      segments: z.number().int(),
      bytes: z.number().int(),
      gaps: z.number().int(),
      gapSeconds: z.number(),
    }),
  ),
}) satisfies z.ZodType<RetentionReport>;

const clipBase = {
  clipId: z.string(),
  direction: z.enum(['in', 'out']),
  cameraId: z.string(),
  requested: z.object(window).describe('The window the passage asked for'),
};
const passageClip = z.discriminatedUnion('status', [
  z.object({
    ...clipBase,
    status: z.literal('archived'),
    actual: z.object(window).describe('What the clip covers (starts snap back to a key frame)'),
    sha256: z.string(),
    bytes: z.number().int(),
    url: z.string().describe('Presigned (MinIO) or signed (filesystem store) link to the MP4'),
    expiresAt: z.string().describe('When `url` stops working: ask again'),
  }),
  z.object({
    ...clipBase,
    status: z.enum(['pending', 'missing']),
    reason: z.string().nullable(),
  }),
]) satisfies z.ZodType<PassageClipView>;

// Window scans (issue #16): the ledger's inspection client reads these exact fields.
const scanStatus = z.enum(['queued', 'running', 'done', 'failed']);
export const windowScanAccepted = z.object({ id: z.string(), status: scanStatus });
export const windowScanSchema = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  from: z.string(),
  to: z.string(),
  cameraIds: z.array(z.string()).describe('Asked for, or every camera of the enterprise the archive knows'),
  status: scanStatus,
  progress: z.object({ framesDone: z.number().int(), framesTotal: z.number().int() }),
  error: z
    .string()
    .optional()
    .describe('Why it failed; while running, e.g. that plate recognition is being waited for'),
  createdAt: z.string(),
  finishedAt: z.string().optional(),
  cameras: z
    .array(
      z.object({
        cameraId: z.string(),
        videoSeconds: z.number().describe('Archived video inside the window'),
        gapSeconds: z.number().describe('The rest of the window: no video (a finding in itself)'),
      }),
    )
    .describe('Filled in when done'),
  plates: z
    .array(
      z.object({
        plate: z.string(),
        cameraId: z.string(),
        firstSeenAt: z.string(),
        lastSeenAt: z.string(),
        frames: z.number().int().describe('Frames it was read in'),
        bestConfidence: z.number(),
        trusted: z.boolean().describe('Whether any read of it was trusted'),
        framePath: z.string().describe("Gateway path of the best frame's JPEG (302 to a short-lived link)"),
      }),
    )
    .describe('Sightings: the same plate on one camera within a few seconds is one; filled in when done'),
}) satisfies z.ZodType<WindowScanView>;
const frameRedirect = {
  description:
    'Redirect (`Location`) to a short-lived link to the JPEG: a presigned MinIO URL, or a signed link ' +
    "to the gateway's `/objects` route on the filesystem profile",
};
const windowScan = enterprise.extend({ scanId: scanIdParam });

const routes: RouteDescriptor[] = [
  {
    method: 'put',
    path: `${BASE}/cameras/:cameraId/legal-hold`,
    summary: "Put (or release) a legal hold on a camera's archived video in a window (audited)",
    tags: ['legal-hold'],
    params: camera,
    body: legalHoldRequest,
    responses: {
      200: { description: 'The segments held or released', schema: legalHoldResult },
      400: invalid,
      ...guarded,
      404: notFound('no-video-in-window'),
    },
  },
  {
    method: 'post',
    path: `${BASE}/outage-filings`,
    summary: 'File (备案) a planned camera outage in advance',
    tags: ['outages'],
    params: enterprise,
    body: outageFilingRequest,
    responses: {
      201: { description: 'Filed', schema: filingView },
      400: invalid,
      ...guarded,
      404: notFound(),
      422: refusal('filing-not-in-advance, filing-too-long'),
    },
  },
  {
    method: 'get',
    path: `${BASE}/outage-filings`,
    summary: "The enterprise's outage filings",
    tags: ['outages'],
    params: enterprise,
    responses: {
      200: { description: 'Filings', schema: z.array(filingView) },
      400: invalid,
      ...guarded,
      404: notFound(),
    },
  },
  {
    method: 'get',
    path: `${BASE}/outages`,
    summary:
      "The enterprise's camera outages overlapping from…to, each filed (备案 in advance, covering all of it) or not; " +
      'a partly covered outage is unfiled',
    tags: ['outages'],
    params: enterprise,
    query: outagesQuery,
    responses: {
      200: { description: 'Outages, oldest first', schema: z.array(outageRow) },
      400: invalid,
      ...guarded,
      404: notFound(),
    },
  },
  {
    method: 'get',
    path: `${BASE}/retention-report`,
    summary: 'Per camera: what is archived and where it has gaps',
    tags: ['retention'],
    params: enterprise,
    responses: {
      200: { description: 'The report', schema: retentionReport },
      400: invalid,
      ...guarded,
      404: notFound(),
    },
  },
  {
    method: 'get',
    path: `${BASE}/passages/:passageId/clips`,
    summary: "A passage's clips: archived ones with a short-lived presigned URL, else pending or missing",
    tags: ['playback'],
    params: enterprise.extend({ passageId: idSchema }),
    responses: {
      200: { description: "The passage's clips, both directions", schema: z.array(passageClip) },
      400: invalid,
      ...guarded,
      404: notFound('clips-not-found'),
    },
  },
  {
    method: 'get',
    path: `${BASE}/cameras/:cameraId/playlist.m3u8`,
    summary: "A camera's archived video in a window as an HLS playlist of presigned segment URLs",
    tags: ['playback'],
    params: camera,
    query: windowQuery,
    responses: {
      200: {
        description: 'HLS VOD playlist (EXT-X-PROGRAM-DATE-TIME per run, EXT-X-START at `from`)',
        contentType: 'application/vnd.apple.mpegurl',
        schema: z.string(),
      },
      400: invalid,
      ...guarded,
      404: notFound('camera-not-found, no-video-in-window'),
    },
  },
  {
    method: 'post',
    path: `${BASE}/window-scans`,
    summary:
      'Scan a window of archived video (≤ 30 min) for plates: server recognition reads its frames. ' +
      'The same window and cameras asked again answer the same scan',
    tags: ['window-scans'],
    params: enterprise,
    body: windowScanRequest,
    responses: {
      202: {
        description: 'Queued (or the existing scan); poll `GET …/window-scans/:scanId`',
        schema: windowScanAccepted,
      },
      400: invalid,
      ...guarded,
      404: notFound(),
      422: refusal('window-too-long, window-in-future'),
      503: refusal('window-scans-disabled (no plate recognition configured)'),
    },
  },
  {
    method: 'get',
    path: `${BASE}/window-scans/:scanId`,
    summary: 'A window scan: its progress, then each camera’s video coverage and the plates seen',
    tags: ['window-scans'],
    params: windowScan,
    responses: {
      200: { description: 'The scan', schema: windowScanSchema },
      400: invalid,
      ...guarded,
      404: notFound('scan-not-found'),
    },
  },
  {
    method: 'get',
    path: `${BASE}/window-scans/:scanId/frames/:n.jpg`,
    summary: "The best frame of a scan's plate `n` (its index in `plates`)",
    tags: ['window-scans'],
    params: windowScan.extend({ n: frameParam }),
    responses: {
      302: frameRedirect,
      400: invalid,
      ...guarded,
      404: notFound('scan-not-found, frame-not-found'),
    },
  },
  {
    method: 'get',
    path: '/health',
    summary: 'Liveness and recorder state; 503 `degraded` when a spool is above its bound',
    tags: ['operations'],
    responses: {
      200: { description: '`{status, problems, recorders}`' },
      503: { description: 'A spool above its bound' },
    },
  },
];

/** video-archive's HTTP API, served at `GET /openapi.json`. */
export const videoArchiveOpenApi = buildOpenApiDocument(
  {
    title: 'Ecogate video-archive',
    version: '1',
    description:
      'Legal holds, outage filings, retention reports, playback of archived video and window scans for plates',
  },
  routes,
);
