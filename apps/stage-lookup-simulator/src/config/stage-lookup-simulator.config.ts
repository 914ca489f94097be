import { readFileSync } from 'node:fs';
import { ConfigError, defineConfig, httpEnv, logLevel } from '@ecogate/config';
import { stageRecordSchema } from '@ecogate/contracts';
import { type StageLookupSimulatorOptions } from '@ecogate/stage-lookup-simulator';
import { z } from 'zod';

/** The clients file: `{"tokens": ["…"], "keys": {"apiKey": "apiSecret"}}` (a secret: never logged). */
const clientsFileSchema = z.strictObject({
  tokens: z.array(z.string().min(16)).default([]),
  keys: z.record(z.string().min(1), z.string().min(16)).default({}),
});

function readJsonFile<T>(variable: string, path: string, schema: z.ZodType<T>): T {
  try {
    return schema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch (error) {
    // The reason names the file and the shape, never its content.
    const reason = error instanceof z.ZodError ? z.prettifyError(error) : 'unreadable or not JSON';
    throw new ConfigError([{ variable, reason: `${path}: ${reason}` }]);
  }
}

/** The standalone simulator's environment, validated once at boot. */
export const stageLookupSimulatorConfig = defineConfig(
  {
    ...httpEnv,
    /** Who may ask (JSON, see above). */
    STAGE_SIM_CLIENTS_FILE: z.string().min(1, 'is required'),
    /** Records the source holds from the start (a JSON array of records); none when unset. */
    STAGE_SIM_RECORDS_FILE: z.string().min(1).optional(),
    LOG_LEVEL: logLevel(),
  },
  (env): StageLookupSimulatorOptions & { readonly logLevel: string } => ({
    host: env.HTTP_HOST,
    port: env.HTTP_PORT,
    clients: readJsonFile('STAGE_SIM_CLIENTS_FILE', env.STAGE_SIM_CLIENTS_FILE, clientsFileSchema),
    records: env.STAGE_SIM_RECORDS_FILE
      ? readJsonFile('STAGE_SIM_RECORDS_FILE', env.STAGE_SIM_RECORDS_FILE, z.array(stageRecordSchema))
      : [],
    logLevel: env.LOG_LEVEL,
  }),
);
