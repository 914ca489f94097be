import { type PayloadOf } from '@ecogate/contracts';
import { ConfigGateSettings } from '../gate-settings/config-gate-settings';

type PlateRead = PayloadOf<'anpr.plate.read.v1'>;

/**
 * One enterprise with one entry lane (barrier answered through the Vzenith reply) on an orange alert,
 * and two registered 国VI diesel trucks (冀A66666, 冀A77777): the fixture of the decide-on-read specs.
 */
export function oneLane(enterpriseId: string) {
  const lane = {
    enterpriseId,
    siteId: 'site-1',
    gateId: 'gate-1',
    laneId: 'in-1',
    direction: 'in' as const,
  };
  const aRead = (source: 'camera' | 'server', captureId = 'cap-1', text = '冀A66666'): PlateRead => ({
    readId: `${source}-${captureId}`,
    captureId,
    cameraId: 'cam-1',
    lane,
    capturedAt: '2024-12-01T08:00:00.000Z',
    source,
    plate: { text, colour: 'yellow', confidence: 0.98 },
    verdict: 'trusted',
    reviewReasons: [],
    images: {},
  });
  const settings = new ConfigGateSettings({
    enterprises: [
      {
        enterpriseId,
        cargoVolume: '10-or-more',
        alertLevel: 'orange',
        lanes: [
          {
            siteId: 'site-1',
            gateId: 'gate-1',
            laneId: 'in-1',
            direction: 'in',
            barrier: { driver: 'vzenith-reply' },
          },
        ],
        vehicles: ['冀A66666', '冀A77777'].map((plate) => ({
          plate,
          category: 'heavy-truck' as const,
          fuel: 'diesel' as const,
          evidence: [{ stage: 'VI' as const, source: 'platform-query' as const, at: '2024-01-01T00:00:00Z' }],
        })),
      },
    ],
  });
  return { lane, aRead, settings };
}
