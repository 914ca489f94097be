import { randomUUID } from 'node:crypto';
import { type PayloadOf } from '@ecogate/contracts';

type Decision = PayloadOf<'gate.barrier.decided.v1'>;

const photo = (kind: string, id: string) => ({
  bucket: 'ecogate-lane-e2e',
  key: `bench/${kind}/${id}.jpg`,
  sha256: 'a'.repeat(64),
  contentType: 'image/jpeg',
  bytes: 1024,
});

/** An allowed entry of a 国VI truck, as barrier-control publishes it, for the ledger ingest run. */
export function allowedEntry(enterpriseId: string, plate: string, laneId: string): Decision {
  const id = randomUUID();
  const at = new Date().toISOString();
  return {
    decisionId: `dec-${id}`,
    readId: `read-${id}`,
    captureId: `cap-${id}`,
    lane: { enterpriseId, siteId: 'plant-1', gateId: laneId, laneId, direction: 'in' },
    laneMode: 'auto',
    capturedAt: at,
    decidedAt: at,
    plate: { text: plate, colour: 'yellow' },
    alertLevel: 'none',
    verdict: 'allow',
    reasons: [],
    stage: { stage: 'VI', source: 'platform-query' },
    message: { zh: '放行', en: 'allowed' },
    images: { scene: photo('scene', id), plate: photo('plate', id) },
  };
}
