import { screen, waitFor } from '@testing-library/react';
import { account, type Call, fakeGateway, ok, person, refusal, renderPage } from '../shared/test-harness';
import { type EvidencePack, EvidencePackPanel } from './EvidencePackPanel';

const INSPECTION = '3a1e2b4c-5d6f-4a7b-8c9d-0e1f2a3b4c5d';
const PACK = '9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const BASE = `/api/ledger/v1/enterprises/e1/inspections/${INSPECTION}`;
const pack = (overrides: Partial<EvidencePack>): EvidencePack => ({
  packId: PACK,
  inspectionId: INSPECTION,
  state: 'queued',
  progress: 0,
  steps: 0,
  totalSteps: null,
  requestedBy: 'inspector-1',
  createdAt: '2026-12-07T01:00:00.000Z',
  startedAt: null,
  finishedAt: null,
  expiresAt: null,
  ...overrides,
});
const open = () =>
  renderPage(<EvidencePackPanel enterpriseId="e1" inspectionId={INSPECTION} />, {
    path: '/e/:enterpriseId/inspections',
    url: '/e/e1/inspections',
  });
const button = (name: string) => screen.getByText(name).closest('button, a') as HTMLElement;

describe('EvidencePackPanel', () => {
  it('links the report, builds a pack with its progress (waiting for the archive) and then links the file', async () => {
    const u = person();
    const states = [
      pack({
        state: 'running',
        steps: 3,
        totalSteps: 10,
        progress: 0.3,
        activity: 'waiting for the video archive: down',
      }),
      pack({ state: 'running', steps: 8, totalSteps: 10, progress: 0.8 }),
      pack({
        state: 'done',
        steps: 10,
        totalSteps: 10,
        progress: 1,
        fileName: 'evidence-pack-e1.zip',
        bytes: 3 * 1_048_576,
        sha256: 'ab'.repeat(32),
        downloadUrl: '/objects/exports/evidence-pack-e1.zip?sig=x',
        downloadUrlExpiresAt: '2026-12-07T01:05:00.000Z',
      }),
    ];
    const polls: Call[] = [];
    const calls = fakeGateway({
      'GET /auth/me': ok(account('inspector', 'e1')),
      [`POST ${BASE}/evidence-packs`]: { status: 202, body: pack({}) },
      [`GET ${BASE}/evidence-packs/${PACK}`]: (call) => {
        polls.push(call);
        return ok(states[Math.min(polls.length - 1, states.length - 1)]);
      },
    });
    open();
    expect((await screen.findByText('下载核查报告 (PDF)')).closest('a')?.getAttribute('href')).toBe(
      `${BASE}/report.pdf`,
    );
    await u.click(button('生成证据包'));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
    expect(await screen.findByText('生成中 · 第 3 / 10 步 · 等待视频存档服务恢复后继续')).toBeTruthy();
    const link = (await screen.findByText('下载证据包（3.0 MB）', {}, { timeout: 10_000 })).closest('a');
    expect(link?.getAttribute('href')).toBe('/objects/exports/evidence-pack-e1.zip?sig=x');
    expect(screen.getByText(`SHA-256：${'ab'.repeat(32)}`)).toBeTruthy();
    expect(polls).toHaveLength(3);
  });

  it("shows the service's reason when it refuses, and no controls to a role the policy does not admit", async () => {
    const u = person();
    fakeGateway({
      'GET /auth/me': ok(account('inspector', 'e1')),
      [`POST ${BASE}/evidence-packs`]: refusal(
        503,
        'chain-key-not-configured',
        'set LEDGER_CHAIN_SIGNING_KEY_FILE',
      ),
    });
    open();
    await u.click(await screen.findByText('生成证据包'));
    expect(
      await screen.findByText('set LEDGER_CHAIN_SIGNING_KEY_FILE (chain-key-not-configured)'),
    ).toBeTruthy();
  });

  it('offers neither the report nor a pack to a role that may not read the inspection', async () => {
    fakeGateway({ 'GET /auth/me': ok(account('enterprise-staff', 'e1')) });
    open();
    expect(await screen.findByText('核查报告与证据包')).toBeTruthy();
    expect(screen.queryByText('下载核查报告 (PDF)')).toBeNull();
    expect(screen.queryByText('生成证据包')).toBeNull();
  });
});
