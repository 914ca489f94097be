// Runs once before the integration suite: fail in seconds, with the remedy, when the services are down.
const net = require('node:net');
const { existsSync, readFileSync } = require('node:fs');
const { resolve } = require('node:path');

function readEnv() {
  const file = process.env.ECOGATE_INFRA_ENV ?? resolve(__dirname, '../../../.data/infra.env');
  const env = {};
  if (existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const m = /^\s*([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
      if (m) env[m[1]] = m[2].trim();
    }
  }
  return { ...env, ...process.env };
}

function reachable(host, port) {
  return new Promise((done) => {
    const socket = net.connect({ host, port: Number(port), timeout: 2000 });
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('error', () => done(false));
    socket.once('timeout', () => (socket.destroy(), done(false)));
  });
}

module.exports = async () => {
  const env = readEnv();
  const targets = {
    postgres: env.DATABASE_URL && new URL(env.DATABASE_URL),
    kafka: env.KAFKA_BROKERS && new URL(`tcp://${env.KAFKA_BROKERS.split(',')[0]}`),
    minio: env.S3_ENDPOINT && new URL(env.S3_ENDPOINT),
  };
  const down = [];
  for (const [name, url] of Object.entries(targets)) {
    if (!url || !(await reachable(url.hostname, url.port))) down.push(name);
  }
  if (down.length > 0) {
    throw new Error(
      `Integration services not reachable: ${down.join(', ')}. Run \`npm run infra:up\` first.`,
    );
  }
  // Kafka takes SASL_SSL only (ADR 0006): an infra.env from before has no credentials.
  const missing = ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD', 'KAFKA_TLS_CA_FILE'].filter(
    (key) => !env[key],
  );
  if (missing.length > 0 || !existsSync(env.KAFKA_TLS_CA_FILE)) {
    throw new Error(
      `Kafka credentials missing (${missing.join(', ') || `no CA file ${env.KAFKA_TLS_CA_FILE}`}): run \`npm run infra:up\` again.`,
    );
  }
};
