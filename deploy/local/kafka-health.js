// Health check of the local Kafka broker for deploy/local/kafka.sh: exits 0 when the broker answers
// a metadata request. Usage: node deploy/local/kafka-health.js 127.0.0.1:19092 [timeoutMs]
// Credentials and CA from the environment (kafka-client-env.js): the broker takes SASL_SSL only.
const { Kafka, logLevel } = require('kafkajs');
const { kafkaSecurity } = require('./kafka-client-env');

const broker = process.argv[2] ?? '127.0.0.1:19092';
const timeoutMs = Number(process.argv[3] ?? 5000);
setTimeout(() => {
  console.error(`no answer from ${broker} within ${timeoutMs} ms`);
  process.exit(1);
}, timeoutMs).unref();

const admin = new Kafka({
  clientId: 'ecogate-infra-health',
  brokers: [broker],
  ...kafkaSecurity(),
  logLevel: logLevel.NOTHING,
  connectionTimeout: 2000,
  authenticationTimeout: 3000,
  requestTimeout: 3000,
  retry: { retries: 0 },
}).admin();

admin
  .connect()
  .then(() => admin.describeCluster())
  .then((cluster) => {
    console.log(
      `brokers=${cluster.brokers.length} controller=${cluster.controller} cluster=${cluster.clusterId}`,
    );
    process.exit(0);
  })
  .catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
