import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { passage } from '../passages/fixtures';
import { account, ENTERPRISE, fakeGateway, renderPage, type Call } from '../shared/test-harness';
import ReviewPage from './ReviewPage';

const QUEUE = `/api/ledger/v1/enterprises/${ENTERPRISE}/review-items`;
const PATTERN = '/e/:enterpriseId/review';

const doubtful = passage({
  plate: '京A12345',
  revision: 3,
  stage: null,
  stageSource: null,
  reviewState: 'open',
  reviewReasons: ['readers-disagree', 'unknown-stage'],
  entryVerdict: 'needs-review',
  entryReasons: ['readers-disagree', 'stage-unknown'],
  entryReads: {
    camera: { text: '京A12345', colour: 'blue', confidence: 0.91, verdict: 'trusted' },
    server: { text: '京A12346', colour: 'blue', confidence: 0.62, verdict: 'needs-review' },
  },
  exitCapturedAt: null,
  exitGateId: null,
  exitLaneId: null,
  exitVerdict: null,
  exitReasons: null,
});

function gateway(
  role: Parameters<typeof account>[0],
  resolution?: (request: Call) => { status?: number; body: unknown },
) {
  let open = [doubtful];
  return fakeGateway({
    'GET /auth/me': { body: account(role, ENTERPRISE) },
    [`GET ${QUEUE}`]: () => ({ body: { items: open, nextCursor: null } }),
    [`POST ${QUEUE}/:passageId/resolution`]: (request) => {
      const answer = resolution?.(request) ?? {
        body: { ...doubtful, plate: '京A12346', reviewState: 'resolved', revision: 4 },
      };
      if ((answer.status ?? 200) < 300) open = [];
      return answer;
    },
  });
}

afterEach(() => vi.restoreAllMocks());

describe('待确认', () => {
  it('shows both reads side by side with the photos, and sends the correction on the revision seen', async () => {
    const fake = gateway('enterprise-staff');
    renderPage(<ReviewPage />, { path: PATTERN, url: `/e/${ENTERPRISE}/review` });
    const card = await screen.findByTestId(`review-item-${doubtful.id}`);
    // Camera read vs server read, with their confidence.
    expect(within(card).getByText('相机识别')).toBeTruthy();
    expect(within(card).getByText('服务端识别')).toBeTruthy();
    expect(within(card).getByText('91%')).toBeTruthy();
    expect(within(card).getByText('62%')).toBeTruthy();
    expect(within(card).getByText('相机与服务端识别结果不一致')).toBeTruthy();
    // Plate crop and scene of the entry, through the ledger's photo route.
    const sources = within(card)
      .getAllByRole('img')
      .map((img) => img.getAttribute('src'))
      .filter(Boolean);
    expect(sources).toEqual(
      expect.arrayContaining([
        `/api/ledger/v1/enterprises/${ENTERPRISE}/passages/${doubtful.id}/photos/entry/plate`,
        `/api/ledger/v1/enterprises/${ENTERPRISE}/passages/${doubtful.id}/photos/entry/scene`,
      ]),
    );

    // Unchanged, it would confirm; a different plate makes it a correction.
    expect(within(card).getByRole('button', { name: '确认无误' })).toBeTruthy();
    fireEvent.change(within(card).getByLabelText('车牌号'), { target: { value: '京a12346' } });
    fireEvent.click(await within(card).findByRole('button', { name: '提交更正' }));
    fireEvent.click(await screen.findByRole('button', { name: /确\s*定|OK/ }));

    await waitFor(() => expect(fake.to(`${QUEUE}/${doubtful.id}/resolution`, 'POST')).toHaveLength(1));
    const [sent] = fake.to(`${QUEUE}/${doubtful.id}/resolution`, 'POST');
    expect(sent!.body).toEqual({ plate: '京A12346', colour: 'blue', revision: 3 });
    // The item leaves the queue.
    await screen.findByText('没有待确认的通行记录');
  });

  it('does not send a plate the domain rejects', async () => {
    const fake = gateway('enterprise-admin');
    renderPage(<ReviewPage />, { path: PATTERN, url: `/e/${ENTERPRISE}/review` });
    const card = await screen.findByTestId(`review-item-${doubtful.id}`);
    fireEvent.change(within(card).getByLabelText('车牌号'), { target: { value: '京A1' } });
    fireEvent.click(await within(card).findByRole('button', { name: '提交更正' }));
    expect(await within(card).findByText(/车牌号无效/)).toBeTruthy();
    expect(fake.to(`${QUEUE}/${doubtful.id}/resolution`, 'POST')).toHaveLength(0);
  });

  it('says why when someone else changed the passage first (409)', async () => {
    gateway('enterprise-staff', () => ({
      status: 409,
      body: { code: 'revision-conflict', reason: 'passage is at revision 4, not 3' },
    }));
    renderPage(<ReviewPage />, { path: PATTERN, url: `/e/${ENTERPRISE}/review` });
    const card = await screen.findByTestId(`review-item-${doubtful.id}`);
    fireEvent.click(within(card).getByRole('button', { name: '确认无误' }));
    fireEvent.click(await screen.findByRole('button', { name: /确\s*定|OK/ }));
    expect(await screen.findByText(/passage is at revision 4, not 3/)).toBeTruthy();
  });

  it('shows an inspector the queue without any control to resolve it', async () => {
    gateway('inspector');
    renderPage(<ReviewPage />, { path: PATTERN, url: `/e/${ENTERPRISE}/review` });
    const card = await screen.findByTestId(`review-item-${doubtful.id}`);
    expect(within(card).getByText('只读：您的角色不能处理待确认事项')).toBeTruthy();
    expect(within(card).queryByRole('button', { name: /确认无误|提交更正/ })).toBeNull();
    expect(within(card).queryByLabelText('车牌号')).toBeNull();
  });
});
