// Applies the Kafka ACL table (deploy/local/kafka-acls.json, ADR 0006) as the admin principal: adds
// the bindings it lacks and removes those of its principals that the table no longer has, so every
// run leaves exactly the table. Usage (connection from the environment, see kafka-client-env.js):
//   KAFKA_BROKERS=127.0.0.1:19092 KAFKA_SASL_USERNAME=admin KAFKA_SASL_PASSWORD=… KAFKA_TLS_CA_FILE=… \
//     node deploy/local/kafka-acls.js deploy/local/kafka-acls.json [--print]
// --print only prints the bindings the table means (no broker needed).
// Also a module: `bindingsOf(entry, prefix)` gives one service's bindings, with a city's (or a test's)
// topic prefix prepended to every topic and group name (ledger-outage.int-spec.ts grants the ledger's).
const { readFileSync } = require('node:fs');
const {
  AclOperationTypes: OP,
  AclPermissionTypes,
  AclResourceTypes: RT,
  Kafka,
  logLevel,
  ResourcePatternTypes: PT,
} = require('kafkajs');
const { kafkaSecurity } = require('./kafka-client-env');

/**
 * The bindings of one service: [resourceType, patternType, resourceName, operation]. `prefix` is
 * prepended to every topic and group name (KAFKA_TOPIC_PREFIX).
 */
function bindingsOf(entry, prefix = '') {
  const out = [];
  const topic = (pattern, name, ops) =>
    ops.forEach((op) => out.push([RT.TOPIC, pattern, `${prefix}${name}`, op]));
  const group = (name) =>
    [OP.READ, OP.DESCRIBE].forEach((op) => out.push([RT.GROUP, PT.PREFIXED, `${prefix}${name}`, op]));
  // CREATE: services declare their topics at start (ensureTopics); the broker auto-creates nothing.
  for (const name of entry.write) topic(PT.LITERAL, name, [OP.WRITE, OP.DESCRIBE, OP.CREATE]);
  for (const name of entry.read) topic(PT.LITERAL, name, [OP.READ, OP.DESCRIBE, OP.CREATE]);
  for (const name of entry.groups) {
    group(name);
    // The group's own topics: `<group>.dead-letter.v1`, `<group>.replay.v1` (replayed dead letters,
    // which the group's consumer reads back) and `<group>.dead-letter-replays.v1` (the replays' audit).
    topic(PT.PREFIXED, `${name}.`, [OP.READ, OP.WRITE, OP.DESCRIBE, OP.CREATE]);
  }
  for (const name of entry.readerGroups) group(name);
  // Idempotent producers (acks=all, one request in flight: ADR 0005).
  if (entry.write.length > 0 || entry.groups.length > 0) {
    out.push([RT.CLUSTER, PT.LITERAL, 'kafka-cluster', OP.IDEMPOTENT_WRITE]);
  }
  return out;
}

function readTable(file) {
  const table = JSON.parse(readFileSync(file, 'utf8'));
  const services = Object.entries(table).filter(([name]) => !name.startsWith('_'));
  for (const [name, entry] of services) {
    for (const key of ['write', 'read', 'groups', 'readerGroups']) {
      if (!Array.isArray(entry[key])) throw new Error(`${file}: ${name}.${key} must be a list`);
    }
  }
  return services;
}

const key = (principal, [rt, pt, name, op]) => `${principal}|${rt}|${pt}|${name}|${op}`;
const name = (types, value) => Object.keys(types).find((k) => types[k] === value) ?? String(value);

async function main() {
  const [file, flag] = process.argv.slice(2);
  if (!file) throw new Error('usage: node kafka-acls.js <table.json> [--print]');
  const services = readTable(file);
  if (flag === '--print') {
    for (const [service, entry] of services) {
      for (const [rt, pt, resource, op] of bindingsOf(entry)) {
        console.log(`User:${service}\t${name(RT, rt)}\t${name(PT, pt)}\t${resource}\t${name(OP, op)}`);
      }
    }
    return;
  }
  const admin = new Kafka({
    clientId: 'ecogate-infra-acls',
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(','),
    ...kafkaSecurity(),
    logLevel: logLevel.NOTHING,
    retry: { retries: 3 },
  }).admin();
  await admin.connect();
  try {
    const wanted = new Map();
    for (const [service, entry] of services) {
      for (const binding of bindingsOf(entry))
        wanted.set(key(`User:${service}`, binding), [`User:${service}`, binding]);
    }
    const present = new Map();
    for (const [service] of services) {
      const { resources } = await admin.describeAcls({
        resourceType: RT.ANY,
        resourcePatternType: PT.ANY,
        principal: `User:${service}`,
        host: '*',
        operation: OP.ANY,
        permissionType: AclPermissionTypes.ANY,
      });
      for (const resource of resources) {
        for (const acl of resource.acls) {
          const binding = [
            resource.resourceType,
            resource.resourcePatternType,
            resource.resourceName,
            acl.operation,
          ];
          const allowAll = acl.permissionType === AclPermissionTypes.ALLOW && acl.host === '*';
          present.set(allowAll ? key(acl.principal, binding) : `other|${present.size}`, [acl, resource]);
        }
      }
    }
    const toAdd = [...wanted].filter(([k]) => !present.has(k)).map(([, v]) => v);
    const toRemove = [...present].filter(([k]) => !wanted.has(k)).map(([, v]) => v);
    if (toAdd.length > 0) {
      await admin.createAcls({
        acl: toAdd.map(([principal, [resourceType, resourcePatternType, resourceName, operation]]) => ({
          principal,
          resourceType,
          resourcePatternType,
          resourceName,
          operation,
          host: '*',
          permissionType: AclPermissionTypes.ALLOW,
        })),
      });
    }
    if (toRemove.length > 0) {
      await admin.deleteAcls({
        filters: toRemove.map(([acl, resource]) => ({
          principal: acl.principal,
          host: acl.host,
          operation: acl.operation,
          permissionType: acl.permissionType,
          resourceType: resource.resourceType,
          resourcePatternType: resource.resourcePatternType,
          resourceName: resource.resourceName,
        })),
      });
    }
    console.log(
      `[kafka-acls] ${services.length} principals, ${wanted.size} ACLs from ${file.replace(/.*\/deploy\//, 'deploy/')}: ` +
        `${toAdd.length} added, ${toRemove.length} removed`,
    );
  } finally {
    await admin.disconnect();
  }
}

module.exports = { bindingsOf, readTable };

if (require.main === module) {
  main().catch((error) => {
    console.error(`[kafka-acls] ${error.message}`);
    process.exit(1);
  });
}
