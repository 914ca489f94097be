// Operators' dead-letter tool:
//   npx tsx --tsconfig tsconfig.base.json libs/messaging/scripts/dead-letters.ts list --group ledger
//   … replay --group ledger --ids 0:12,2:7 --operator alice --reason "vehicle registered, retry"
// KAFKA_BROKERS, KAFKA_TOPIC_PREFIX and the connection's KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD,
// KAFKA_TLS_CA_FILE (ADR 0006: admin, or the group's service principal) from the environment. A replay
// goes to the group's replay topic `<group>.replay.v1` (its consumer hands it to the original topic's
// handler) and is recorded on `<group>.dead-letter-replays.v1` and logged (JSON on stderr) with who,
// why and when; a letter already replayed is skipped unless --force.
import { parseArgs } from 'node:util';
import { defineConfig, kafkaEnv, kafkaSecurityConfig } from '@ecogate/config';
import { createLogger } from '@ecogate/telemetry';
import pino from 'pino';
import { createKafka, DEAD_LETTER_ID, DeadLetters, ensureTopics } from '../src';

const USAGE = `usage: dead-letters list --group <group> [--all]
       dead-letters replay --group <group> --ids <partition:offset,…> --operator <who> --reason <why> [--force]`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      group: { type: 'string' },
      ids: { type: 'string' },
      operator: { type: 'string' },
      reason: { type: 'string' },
      force: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
    },
  });
  const [command] = positionals;
  const brokers = process.env['KAFKA_BROKERS'];
  if (!values.group || !brokers || (command !== 'list' && command !== 'replay')) {
    console.error(`${USAGE}\n(KAFKA_BROKERS must be set)`);
    return 2;
  }
  // Logs (the audit lines included) on stderr, so stdout stays the listing.
  const logger = createLogger({ service: 'dead-letters-cli', destination: pino.destination(2) });
  const security = defineConfig(kafkaEnv, kafkaSecurityConfig).load();
  const messaging = {
    brokers: brokers.split(','),
    clientId: 'dead-letters-cli',
    logger,
    ...prefix(),
    ...security,
  };
  const kafka = createKafka(messaging);
  const deadLetters = new DeadLetters(kafka, messaging, values.group);
  await ensureTopics(
    kafka,
    deadLetters.topics().map((name) => ({ name })),
  );
  if (command === 'list') {
    for (const entry of await deadLetters.list()) {
      if (entry.replayed && !values.all) continue;
      const { source, cause, attempts, failedAt } = entry.record;
      console.log(
        JSON.stringify({ id: entry.id, source, cause, attempts, failedAt, replayed: entry.replayed }),
      );
    }
    return 0;
  }
  const ids = (values.ids ?? '').split(',').filter(Boolean);
  if (ids.length === 0 || ids.some((id) => !DEAD_LETTER_ID.test(id)) || !values.operator || !values.reason) {
    console.error(`${USAGE}\n(--ids are partition:offset pairs; --operator and --reason are required)`);
    return 2;
  }
  const result = await deadLetters.replay({
    ids,
    operator: values.operator,
    reason: values.reason,
    force: values.force,
  });
  console.log(JSON.stringify(result, null, 2));
  return result.skipped.length > 0 ? 1 : 0;
}

function prefix(): { topicPrefix?: string } {
  const topicPrefix = process.env['KAFKA_TOPIC_PREFIX'];
  return topicPrefix ? { topicPrefix } : {};
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('dead-letters failed:', error);
    process.exit(1);
  },
);
