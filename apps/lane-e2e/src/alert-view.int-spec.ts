import { randomUUID } from 'node:crypto';
import { alertViewSchema, type AlertView } from '@ecogate/contracts';
import { createLogger } from '@ecogate/telemetry';
import { expectEventually, loadInfraEnv } from '@ecogate/testing';
import { arriveUntilDelivered } from './harness/arrivals';
import { LaneChain } from './harness/lane-chain';

// Issue #23 end to end: the city's alert view fed by the lane simulator during a scripted red
// alert. Every service a real process (camera-ingest, barrier-control, ledger) on the real
// Postgres and Kafka: a 国IV diesel heavy truck at the barrier lane is refused, the same truck
// at the record-only lane (no barrier) goes in below the minimum, and both show in the view as a
// district's inspector reads it.
jest.setTimeout(300_000);

const DISTRICT = '130203';

describe('the alert view fed by the lane simulator', () => {
  const infra = loadInfraEnv();
  const logger = createLogger({ service: 'alert-view-e2e', level: 'silent' });
  const enterpriseId = `ent-alert-${randomUUID().slice(0, 6)}`;
  let chain: LaneChain;

  beforeAll(async () => {
    chain = await LaneChain.start({
      infra,
      logger,
      enterprises: [
        {
          enterpriseId,
          alertLevel: 'red',
          lanes: [
            { gateId: 'north', laneId: 'n-in', direction: 'in' },
            { gateId: 'yard', laneId: 'y-in', direction: 'in', mode: 'record-only' },
          ],
          vehicles: [{ plate: '冀A44444', stage: 'IV', category: 'heavy-truck', fuel: 'diesel' }],
        },
      ],
    });
    // The directory record the gateway would publish (the chain runs no gateway): the district.
    await chain.ledgerSql(
      `INSERT INTO "enterprise_profiles" ("enterprise_id", "name", "industry", "district_code",
                                          "performance_class", "active", "revision", "changed_at", "updated_at")
       VALUES ($1, '焦化一厂', 'coking', $2, 'B', true, 1, now(), now())`,
      [enterpriseId, DISTRICT],
    );
  }, 240_000);

  afterAll(() => chain?.stop());

  const view = async (
    role: 'city-operator' | 'inspector',
    enterprises: readonly string[],
  ): Promise<AlertView> => {
    const token =
      role === 'city-operator'
        ? await chain.bearer(role, enterpriseId)
        : await chain.issuer!.bearer({ role, subject: 'inspector-e2e', enterprises, districts: [DISTRICT] });
    const response = await fetch(`${chain.urls.get('ledger')}/api/v1/alert-view`, {
      headers: { authorization: token },
    });
    expect(response.status).toBe(200);
    return alertViewSchema.parse(await response.json());
  };

  it('shows the refusal and the entry below the minimum within seconds, to the district only', async () => {
    await arriveUntilDelivered(chain.camera(enterpriseId, 'n-in'), { plate: '冀A44444', colour: 'yellow' });
    await arriveUntilDelivered(chain.camera(enterpriseId, 'y-in'), { plate: '冀A44444', colour: 'yellow' });
    const enterprise = await expectEventually(
      async () => {
        const found = (await view('city-operator', [])).districts
          .flatMap((d) => d.enterprises)
          .find((e) => e.enterpriseId === enterpriseId);
        expect(found?.counts).toMatchObject({ refused: 1, belowMinimumEntered: 1 });
        return found!;
      },
      { timeoutMs: 60_000 },
    );
    expect(enterprise.level).toBe('red');
    expect(enterprise.items.map((i) => [i.kind, i.plate, i.laneId])).toEqual(
      expect.arrayContaining([
        ['refused', '冀A44444', 'n-in'],
        ['record-only-lane', '冀A44444', 'y-in'],
      ]),
    );
    // An inspector of the district sees it; one whose token lists other enterprises does not.
    expect((await view('inspector', [enterpriseId])).total.refused).toBeGreaterThanOrEqual(1);
    expect((await view('inspector', ['ent-elsewhere'])).districts).toEqual([]);
  });
});
