import { parseEnterpriseId, type DataSource } from '@ecogate/persistence';
import { StageLookupService } from './stage-lookup.service';

describe('the stage lookup’s API when no source is configured', () => {
  it('says the lookup is off instead of queueing what nobody will ask', async () => {
    // No database is touched: the refusal comes first.
    const service = new StageLookupService({} as DataSource, false);
    await expect(service.request(parseEnterpriseId('ent-a'), '冀B12345', 'someone')).rejects.toMatchObject({
      code: 'stage-lookup-off',
    });
  });
});
