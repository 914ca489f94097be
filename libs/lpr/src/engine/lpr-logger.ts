/** The slice of a pino logger the engine uses, so the lib runs with any structured logger (or none). */
export interface LprLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export const silentLogger: LprLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
