import { z } from 'zod';
import { ConfigError } from './config-error';

type Env = Readonly<Record<string, string | undefined>>;

export interface ConfigDefinition<T> {
  /** Validates `env` (the process environment by default) and maps it to the typed config. */
  load(env?: Env): T;
}

/**
 * One typed config per app: a flat shape of environment variables validated once at boot,
 * then mapped to the nested object the app uses. Fails fast, naming each bad variable.
 */
export function defineConfig<S extends z.ZodRawShape, T>(
  shape: S,
  map: (env: z.infer<z.ZodObject<S>>) => T,
): ConfigDefinition<T> {
  const schema = z.object(shape);
  return {
    load(env: Env = process.env): T {
      const parsed = schema.safeParse(env);
      if (!parsed.success) {
        throw new ConfigError(
          parsed.error.issues.map((issue) => ({
            variable: issue.path.map(String).join('.') || '(environment)',
            reason:
              issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message,
          })),
        );
      }
      return map(parsed.data);
    },
  };
}
