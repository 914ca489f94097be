import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SERVICE_ISSUER, type ServiceName, TokenSigner } from '@ecogate/auth';

/** The services that sign their calls to other services (ADR 0009): each has a key of its own. */
export const CALLING_SERVICES = [
  'camera-ingest',
  'barrier-control',
  'video-archive',
  'ledger',
  'plate-recognition',
] as const satisfies readonly ServiceName[];

/**
 * Everything one machine's Ecogate keeps, under one folder (`ECOGATE_HOME`, default `./.ecogate`):
 * the database (`postgres/`), objects (`objects/`), logs, and the secrets generated on the first
 * start and reused after (mode 600, in a 700 folder): tokens signed before a restart stay valid,
 * signed links too, and device logins encrypted at rest can still be read.
 */
export class EcogateHome {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  get logs(): string {
    return join(this.root, 'logs');
  }

  get secrets(): string {
    return join(this.root, 'secrets');
  }

  get run(): string {
    return join(this.root, 'run');
  }

  logFile(name: string): string {
    return join(this.logs, `${name}.log`);
  }

  /** True before the first start: no database yet (the demo is seeded then). */
  isNew(): boolean {
    return !existsSync(join(this.root, 'postgres', 'data', 'PG_VERSION'));
  }

  async prepare(): Promise<void> {
    for (const dir of [this.root, this.logs, this.run]) await mkdir(dir, { recursive: true });
    await mkdir(this.secrets, { recursive: true, mode: 0o700 });
    await chmod(this.secrets, 0o700);
  }

  /** A secret file's path, its content made by `make` on the first call and kept after. */
  async secretFile(name: string, make: () => string | Promise<string>): Promise<string> {
    const path = join(this.secrets, name);
    if (!existsSync(path)) await writeFile(path, await make(), { mode: 0o600 });
    return path;
  }

  /** A secret's value (see `secretFile`). */
  async secret(name: string, make: () => string): Promise<string> {
    return (await readFile(await this.secretFile(name, make), 'utf8')).trim();
  }

  /** The gateway's ES256 signing key (PKCS8 PEM). */
  gatewaySigningKey(): Promise<string> {
    return this.secretFile('gateway-signing-key.pem', es256Pem);
  }

  /**
   * The ledger's hash-chain key (Ed25519, PKCS8 PEM): it signs the daily roots and the evidence
   * packs' manifests; without it no pack can be built.
   */
  ledgerChainKey(): Promise<string> {
    return this.secretFile('ledger-chain-key.pem', ed25519Pem);
  }

  /**
   * Each calling service's private key, and the public keys every service trusts
   * (`AUTH_SERVICE_KEYS_FILE`, a JWKS whose `kid` is the service's name).
   */
  async serviceKeys(): Promise<{ keysFile: string; keyFile: (service: ServiceName) => string }> {
    const keys = [];
    for (const service of CALLING_SERVICES) {
      const pem = await readFile(await this.secretFile(`${service}.pem`, es256Pem), 'utf8');
      keys.push(await (await TokenSigner.fromPem(pem, { kid: service, issuer: SERVICE_ISSUER })).publicJwk());
    }
    // Public keys: rewritten each start from the private ones, so they can never disagree.
    const keysFile = join(this.secrets, 'service-keys.json');
    await writeFile(keysFile, JSON.stringify({ keys }), { mode: 0o600 });
    return { keysFile, keyFile: (service) => join(this.secrets, `${service}.pem`) };
  }
}

export const randomSecret = (bytes = 32): string => randomBytes(bytes).toString('base64url');

function ed25519Pem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

function es256Pem(): string {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
}
