import { act, screen, waitFor } from '@testing-library/react';
import { account, fakeGateway, ok, person, renderPage } from '../shared/test-harness';
import { type AlertView, type AlertViewItem } from './alert-view-model';
import AlertViewPage from './AlertViewPage';

/** happy-dom has no EventSource: this one lets the test push what the gateway would. */
class FakeEventSource {
  static last: FakeEventSource | undefined;
  static readonly CONNECTING = 0;
  readyState = 1;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  private readonly listeners = new Map<string, (event: MessageEvent<string>) => void>();
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(name: string, listener: (event: MessageEvent<string>) => void) {
    this.listeners.set(name, listener);
  }
  push(name: string, data: unknown) {
    this.listeners.get(name)?.({ data: JSON.stringify(data), lastEventId: 'k' } as MessageEvent<string>);
  }
  closed = false;
  close() {
    this.closed = true;
  }
}

const item = (plate: string, kind: AlertViewItem['kind']): AlertViewItem => ({
  id: `i-${plate}`,
  kind,
  plate,
  plateColour: 'yellow',
  at: '2026-12-07T02:00:00.000Z',
  gateId: 'east-1',
  laneId: 'lane-in',
  reasons: kind === 'refused' ? ['stage-below-minimum'] : ['manual'],
  stage: 'IV',
});

const viewWith = (items: AlertViewItem[]): AlertView => {
  const counts = {
    refused: items.filter((i) => i.kind === 'refused').length,
    belowMinimumEntered: items.filter((i) => i.kind === 'manual-release').length,
    unknownStageAdmitted: 0,
    camerasOffline: 1,
    camerasTampered: 1,
  };
  return {
    at: '2026-12-07T02:01:00.000Z',
    districtCode: null,
    itemLimit: 20,
    total: { enterprises: 1, ...counts },
    districts: [
      {
        districtCode: '130203',
        counts,
        enterprises: [
          {
            enterpriseId: 'ent-coke',
            name: '焦化一厂',
            level: 'red',
            since: '2026-12-07T00:00:00.000Z',
            counts,
            items,
            offlineCameras: [
              { cameraId: 'cam-east', since: '2026-12-07T01:00:00.000Z', reason: '60 秒无响应' },
            ],
            tamperedCameras: [
              {
                cameraId: 'cam-yard',
                since: '2026-12-07T01:30:00.000Z',
                reason: 'view-changed',
                kind: 'covered',
              },
            ],
          },
        ],
      },
    ],
  };
};

describe('AlertViewPage', () => {
  beforeEach(() => vi.stubGlobal('EventSource', FakeEventSource));
  afterEach(() => vi.unstubAllGlobals());

  it('shows the enterprises under alert, opens one from the URL, and follows the stream', async () => {
    fakeGateway({
      'GET /auth/me': ok(account('city-operator', null)),
      'GET /api/ledger/v1/alert-view': ok(viewWith([item('冀B10001', 'refused')])),
    });
    const { router } = renderPage(<AlertViewPage />, {
      path: '/alert-view',
      url: '/alert-view?district=130203&enterprise=ent-coke',
    });
    expect(await screen.findByText('焦化一厂')).toBeTruthy();
    expect(screen.getByText('红色预警')).toBeTruthy();
    // The drill-down named in the URL is open: its item is shown.
    expect(screen.getByText('拦截')).toBeTruthy();
    expect(screen.getByText(/cam-east/)).toBeTruthy();
    expect(screen.getByText(/cam-yard：遮挡/)).toBeTruthy();
    expect(FakeEventSource.last?.url).toBe('/api/live/v1/alert-view?districtCode=130203');

    // A snapshot pushed by the stream replaces the view: a manual release appears.
    act(() =>
      FakeEventSource.last?.push(
        'snapshot',
        viewWith([item('冀B10002', 'manual-release'), item('冀B10001', 'refused')]),
      ),
    );
    expect(await screen.findByText('人工放行')).toBeTruthy();

    // Closing the drill-down leaves the URL's district filter alone.
    await person().click(document.querySelector('.ant-table-row-expand-icon-expanded')!);
    await waitFor(() => expect(router.state.location.search).toBe('?district=130203'));
  });

  it('says when no enterprise is under alert', async () => {
    fakeGateway({
      'GET /auth/me': ok(account('inspector', null)),
      'GET /api/ledger/v1/alert-view': ok({
        ...viewWith([]),
        total: {
          enterprises: 0,
          refused: 0,
          belowMinimumEntered: 0,
          unknownStageAdmitted: 0,
          camerasOffline: 0,
          camerasTampered: 0,
        },
        districts: [],
      }),
    });
    renderPage(<AlertViewPage />, { path: '/alert-view', url: '/alert-view' });
    expect(await screen.findByText('当前没有企业处于橙色或红色预警')).toBeTruthy();
  });
});
