import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../..');
/** The one Kafka ACL table (ADR 0006), applied locally by deploy/local/kafka-acls.js. */
export const ACL_TABLE = join(REPO_ROOT, 'deploy/local/kafka-acls.json');
