import { fireEvent, screen, waitFor } from '@testing-library/react';
import { account, ENTERPRISE, fakeGateway, renderPage } from '../shared/test-harness';
import { passage } from './fixtures';
import PassagePage from './PassagePage';

const one = passage({
  plate: '冀B54321',
  plateColour: 'yellow',
  revision: 5,
  exitManual: {
    requestId: 'r-1',
    requestHash: 'h',
    by: 'gate-clerk',
    reason: '出口相机断电',
    at: '2025-01-02T03:05:00.000Z',
  },
  manual: true,
});
const PATH = `/api/ledger/v1/enterprises/${ENTERPRISE}/passages/${one.id}`;
const DOCS = `/api/ledger/v1/enterprises/${ENTERPRISE}/vehicles/${encodeURIComponent('冀B54321')}/documents`;
const PATTERN = '/e/:enterpriseId/passages/:passageId';

function gateway(role: Parameters<typeof account>[0], patch?: { status: number; body: unknown }) {
  return fakeGateway({
    'GET /auth/me': { body: account(role, ENTERPRISE) },
    [`GET ${PATH}`]: { body: one },
    [`GET /api/video-archive/v1/enterprises/${ENTERPRISE}/passages/${one.id}/clips`]: { body: [] },
    [`PATCH ${PATH}`]: patch ?? { body: { ...one, cargoName: '煤炭', revision: 6 } },
    [`GET ${DOCS}/inventory-list`]: {
      body: {
        document: { bucket: 'b', key: 'k', sha256: 'x', bytes: 1, contentType: 'application/pdf' },
        url: 'https://objects.example/k',
        expiresAt: '2025-01-02T03:10:00.000Z',
      },
    },
    [`PUT ${DOCS}/driving-licence`]: {
      body: { bucket: 'b', key: 'k2', sha256: 'y', bytes: 4, contentType: 'application/pdf' },
    },
    [`GET /api/ledger/v1/enterprises/${ENTERPRISE}/vehicle-document-reads`]: {
      body: { progress: { done: 0, total: 0 }, items: [] },
    },
    [`GET ${DOCS}/driving-licence`]: {
      status: 404,
      body: { code: 'document-not-found', reason: 'vehicle 冀B54321 has no driving-licence' },
    },
  });
}

afterEach(() => vi.restoreAllMocks());

describe('one passage', () => {
  it('shows both sides with photos, the manual side, the clips and the documents; uploads one', async () => {
    const fake = gateway('enterprise-staff');
    renderPage(<PassagePage />, { path: PATTERN, url: `/e/${ENTERPRISE}/passages/${one.id}` });
    expect(
      await screen.findByText(/由 gate-clerk 于 2025-01-02 11:05:00 人工录入：出口相机断电/),
    ).toBeTruthy();
    const sources = screen.getAllByRole('img').map((img) => img.getAttribute('src'));
    for (const side of ['entry', 'exit'])
      for (const kind of ['scene', 'plate']) expect(sources).toContain(`${PATH}/photos/${side}/${kind}`);
    expect(await screen.findByRole('button', { name: '查 看' })).toBeTruthy();
    expect(await screen.findByText('未上传')).toBeTruthy();
    // The archive's clips of the passage (h-ops' player): none here.
    expect(await screen.findByText('该通行记录没有视频片段')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: /上传/ })).toHaveLength(2);

    // 行驶证 uploads as the raw body, with the CSRF echo the gateway wants on a PUT.
    document.cookie = 'csrf=token-1';
    const [, licenceInput] = Array.from(document.querySelectorAll<HTMLInputElement>('input[type=file]'));
    fireEvent.change(licenceInput!, {
      target: { files: [new File(['%PDF'], 'licence.pdf', { type: 'application/pdf' })] },
    });
    await waitFor(() => expect(fake.to(`${DOCS}/driving-licence`, 'PUT')).toHaveLength(1));
    const [upload] = fake.to(`${DOCS}/driving-licence`, 'PUT');
    expect(upload!.body).toBe('%PDF');
    expect(upload!.headers.get('Content-Type')).toBe('application/pdf');
    expect(upload!.headers.get('X-CSRF-Token')).toBe('token-1');
    document.cookie = 'csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
  });

  it('completes the cargo on the revision seen', async () => {
    const fake = gateway('enterprise-staff');
    renderPage(<PassagePage />, { path: PATTERN, url: `/e/${ENTERPRISE}/passages/${one.id}` });
    fireEvent.change(await screen.findByLabelText('货物'), { target: { value: '煤炭' } });
    fireEvent.click(screen.getByRole('button', { name: '保 存' }));
    await waitFor(() => expect(fake.to(PATH, 'PATCH')).toHaveLength(1));
    expect(fake.to(PATH, 'PATCH')[0]!.body).toEqual({ cargo: { name: '煤炭' }, expectedRevision: 5 });
  });

  it('says why a completion was refused when the passage changed meanwhile (409)', async () => {
    gateway('enterprise-admin', {
      status: 409,
      body: { code: 'revision-conflict', reason: 'passage is at revision 6, not 5' },
    });
    renderPage(<PassagePage />, { path: PATTERN, url: `/e/${ENTERPRISE}/passages/${one.id}` });
    fireEvent.change(await screen.findByLabelText('车队'), { target: { value: '自有' } });
    fireEvent.click(screen.getByRole('button', { name: '保 存' }));
    expect(await screen.findByText(/passage is at revision 6, not 5/)).toBeTruthy();
    expect(screen.getByRole('button', { name: '刷 新' })).toBeTruthy();
  });

  it('gives an inspector no edit control', async () => {
    gateway('inspector');
    renderPage(<PassagePage />, { path: PATTERN, url: `/e/${ENTERPRISE}/passages/${one.id}` });
    await screen.findByText(/出口相机断电/);
    expect(await screen.findByRole('button', { name: '查 看' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: '保 存' })).toBeNull();
    expect(screen.queryByLabelText('货物')).toBeNull();
    expect(screen.queryByRole('button', { name: /上传/ })).toBeNull();
  });
});
