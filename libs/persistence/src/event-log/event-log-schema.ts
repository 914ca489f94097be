/**
 * The embedded bus's tables, in a database of their own (shared by every service of the machine).
 * Created at open, idempotently and under an advisory lock, like Kafka topics created at boot: the
 * log is infrastructure the bus owns, not a service's schema (ADR 0008).
 */
export const EVENT_LOG_SCHEMA_LOCK = 0x45_56_4c_47; // "EVLG"

export const EVENT_LOG_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS "event_log_partitions" (
     "topic" text NOT NULL,
     "partition" integer NOT NULL,
     "next_offset" bigint NOT NULL DEFAULT 0,
     PRIMARY KEY ("topic", "partition")
   )`,
  `CREATE TABLE IF NOT EXISTS "event_log_records" (
     "topic" text NOT NULL,
     "partition" integer NOT NULL,
     "offset" bigint NOT NULL,
     "key" text,
     "value" text NOT NULL,
     "headers" jsonb NOT NULL,
     "appended_at" timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY ("topic", "partition", "offset")
   )`,
  `CREATE INDEX IF NOT EXISTS "event_log_records_appended_at" ON "event_log_records" ("appended_at")`,
  `CREATE TABLE IF NOT EXISTS "event_log_offsets" (
     "consumer_group" text NOT NULL,
     "topic" text NOT NULL,
     "partition" integer NOT NULL,
     "next_offset" bigint NOT NULL,
     "committed_at" timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY ("consumer_group", "topic", "partition")
   )`,
];
