import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stageLookupSimulatorConfig } from './stage-lookup-simulator.config';

describe('the stage-lookup simulator’s environment', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stage-sim-'));
  const file = (name: string, content: string): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it('reads its clients and seed records from files', () => {
    const config = stageLookupSimulatorConfig.load({
      STAGE_SIM_CLIENTS_FILE: file('clients.json', JSON.stringify({ tokens: ['t'.repeat(32)] })),
      STAGE_SIM_RECORDS_FILE: file(
        'records.json',
        JSON.stringify([
          {
            recordId: 'r1',
            stage: 'V',
            fuel: null,
            vehicleType: null,
            disclosureNumber: null,
            vin: 'LFWSRXRJ8M1E00001',
            updatedAt: '2026-01-01T00:00:00Z',
          },
        ]),
      ),
    });
    expect(config.clients).toEqual({ tokens: ['t'.repeat(32)], keys: {} });
    expect(config.records).toHaveLength(1);
  });

  it('names a bad clients file without showing what is in it', () => {
    const secret = 'short-secret';
    const path = file('bad.json', JSON.stringify({ keys: { city: secret } }));
    expect(() => stageLookupSimulatorConfig.load({ STAGE_SIM_CLIENTS_FILE: path })).toThrow(
      /STAGE_SIM_CLIENTS_FILE/,
    );
    expect(() => stageLookupSimulatorConfig.load({ STAGE_SIM_CLIENTS_FILE: path })).not.toThrow(
      new RegExp(secret),
    );
  });
});
