import { z } from 'zod';
import { Secret } from './secret';

// Reusable validators for environment variables (all arrive as strings).

export const port = (fallback?: number) => {
  const field = z.coerce.number().int().min(0).max(65535);
  return fallback === undefined ? field : field.default(fallback);
};

export const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1');

export const url = (protocols: readonly string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol.replace(/:$/, ''));
      } catch {
        return false;
      }
    },
    { message: `must be a URL with protocol ${protocols.join(' or ')}` },
  );

export const secret = () =>
  z
    .string()
    .min(1, 'must not be empty')
    .transform((value) => new Secret(value));

/** Comma-separated `host:port` list, as Kafka clients take it. */
export const hostPortList = () =>
  z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .refine((list) => list.length > 0 && list.every((hp) => /^[\w.-]+:\d{1,5}$/.test(hp)), {
      message: 'must be a comma-separated list of host:port',
    });

export const logLevel = () =>
  z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');
