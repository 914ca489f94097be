// The kafkajs connection settings of deploy/local's Node helpers (kafka-health.js, kafka-acls.js), from
// the environment so that no password is on a command line: KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME,
// KAFKA_SASL_PASSWORD, KAFKA_TLS_CA_FILE (PEM). Unset: plaintext, no authentication.
const { readFileSync } = require('node:fs');

function kafkaSecurity(env = process.env) {
  const out = {};
  if (env.KAFKA_TLS_CA_FILE) out.ssl = { ca: [readFileSync(env.KAFKA_TLS_CA_FILE, 'utf8')] };
  if (env.KAFKA_SASL_USERNAME) {
    out.sasl = {
      mechanism: env.KAFKA_SASL_MECHANISM || 'scram-sha-512',
      username: env.KAFKA_SASL_USERNAME,
      password: env.KAFKA_SASL_PASSWORD ?? '',
    };
  }
  return out;
}

module.exports = { kafkaSecurity };
