// A child process of the crash test: publishes `count` events through the embedded bus and prints
// `acked <eventId>` once each publish has resolved. The test kills it with SIGKILL mid-way.
import { embeddedTransport } from '@ecogate/messaging';
import { createLogger } from '@ecogate/telemetry';
import { openPostgresEventLog } from '../..';

async function main(): Promise<void> {
  const [url, topicPrefix, count] = [
    process.env['EVENT_LOG_URL'],
    process.env['TOPIC_PREFIX'],
    process.env['COUNT'],
  ];
  if (!url || topicPrefix === undefined || !count)
    throw new Error('EVENT_LOG_URL, TOPIC_PREFIX and COUNT are required');
  const logger = createLogger({ service: 'crash-publisher', level: 'fatal' });
  const transport = embeddedTransport({ topicPrefix }, { logger }, await openPostgresEventLog(url, logger));
  const publisher = transport.createPublisher();
  process.stdout.write('ready\n');
  for (let n = 0; n < Number(count); n++) {
    const event = await publisher.publish('camera.status.changed.v1', {
      enterpriseId: 'ent-1',
      key: `cam-${n % 7}`,
      payload: {
        cameraId: `cam-${n % 7}`,
        enterpriseId: 'ent-1',
        status: 'offline',
        reason: `n=${n}`,
        at: new Date().toISOString(),
      },
    });
    process.stdout.write(`acked ${event.eventId}\n`);
  }
  await transport.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
