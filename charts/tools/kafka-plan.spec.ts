import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { topicNames } from '@ecogate/contracts';
import { ACL_TABLE, REPO_ROOT } from './paths';
import { AclTableError, kafkaPlan, parseAclTable, type PlannedAcl } from './kafka-plan';

const table = parseAclTable(JSON.parse(readFileSync(ACL_TABLE, 'utf8')));
const plan = kafkaPlan(table);
const topic = (name: string) => plan.topics.find((t) => t.name === name);

describe('Kafka plan of the umbrella chart', () => {
  it('has a topic for every topic of the contracts, laid out by its settings', () => {
    for (const name of topicNames) expect(topic(name)).toBeDefined();
    expect(topic('camera.snapshot.captured.v1')).toEqual({
      name: 'camera.snapshot.captured.v1',
      partitions: 'scaled',
      config: { 'cleanup.policy': 'delete', 'retention.ms': String(168 * 3_600_000) },
    });
    expect(topic('gateway.enterprise.registered.v1')?.config).toEqual({ 'cleanup.policy': 'compact' });
  });

  it("adds the topics each consumer group owns: its dead letters, replays and the replays' audit", () => {
    expect(topic('plate-recognition.dead-letter.v1')?.config['retention.ms']).toBe(
      String(30 * 24 * 3_600_000),
    );
    expect(topic('plate-recognition.replay.v1')).toBeDefined();
    expect(topic('video-archive.passage-clips.dead-letter-replays.v1')?.config['retention.ms']).toBe(
      String(180 * 24 * 3_600_000),
    );
    expect(plan.topics.filter((t) => t.name.startsWith('gateway-live-'))).toEqual([]);
  });

  it('grants each service exactly what deploy/local/kafka-acls.js grants it', () => {
    // The local script's own bindings (kafkajs enums), turned into the chart's words.
    const script = join(REPO_ROOT, 'deploy/local/kafka-acls.js');
    const load = createRequire(script);
    const { bindingsOf } = load(script) as {
      bindingsOf: (entry: unknown) => [number, number, string, number][];
    };
    const kafkajs = load('kafkajs') as Record<string, Record<string, number>>;
    const nameOf = (types: Record<string, number> | undefined, value: number) =>
      Object.keys(types ?? {}).find((key) => types?.[key] === value) ?? String(value);
    const local = (service: string) =>
      bindingsOf(table[service])
        .map(([type, pattern, name, op]) =>
          [
            nameOf(kafkajs['AclResourceTypes'], type),
            nameOf(kafkajs['ResourcePatternTypes'], pattern),
            name,
            nameOf(kafkajs['AclOperationTypes'], op),
          ].join(' '),
        )
        .sort();
    const chart = (acls: readonly PlannedAcl[]) =>
      acls
        .flatMap((acl) =>
          acl.operations.map((op) =>
            [
              acl.type.toUpperCase(),
              acl.patternType === 'prefix' ? 'PREFIXED' : 'LITERAL',
              acl.name,
              op.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase(),
            ].join(' '),
          ),
        )
        .sort();
    expect(Object.keys(plan.users).sort()).toEqual(Object.keys(table).sort());
    for (const [service, acls] of Object.entries(plan.users)) expect(chart(acls)).toEqual(local(service));
  });

  it('refuses an ACL table that names a topic the contracts do not have, or is not lists of names', () => {
    expect(() =>
      kafkaPlan({
        ledger: { write: ['ledger.passage.recorded.v2'], read: [], groups: [], readerGroups: [] },
      }),
    ).toThrow(new AclTableError('ledger names ledger.passage.recorded.v2, which is not in the topic map'));
    expect(() => parseAclTable({ ledger: { write: 'x', read: [], groups: [], readerGroups: [] } })).toThrow(
      'ledger.write must be a list of names',
    );
    expect(() => parseAclTable([])).toThrow(AclTableError);
  });
});
