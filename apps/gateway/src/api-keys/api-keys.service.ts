import { randomUUID } from 'node:crypto';
import { API_SCOPES, type ApiScope, type Principal, type TokenSigner } from '@ecogate/auth';
import { type DataSource, IsNull, type Repository } from '@ecogate/persistence';
import { type Actor } from '../accounts/accounts.service';
import { type AuditLog } from '../audit/audit-log';
import { GatewayError } from '../http/gateway-error';
import { randomToken, sha256 } from '../sessions/secrets';
import { ApiKeyEntity } from './api-key.entity';

const KEY_PREFIX = 'egk_';
const MAX_DAYS = 366;

export interface ApiKeyView {
  readonly id: string;
  readonly enterpriseId: string;
  readonly name: string;
  readonly scopes: readonly string[];
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
  readonly lastUsedAt: Date | null;
}

/** An authenticated key: the JWT the gateway minted for it (role integrator, its enterprise, its scopes). */
export interface KeyCaller {
  readonly keyId: string;
  readonly token: string;
  readonly principal: Principal;
}

/**
 * Integrators' API keys: one enterprise, some scopes, an expiry. The secret is shown once and
 * stored as SHA-256 (see `secrets.ts` for why that suffices). Each use is answered by a short
 * gateway JWT, cached until shortly before it expires, so services see an ordinary token.
 */
export class ApiKeysService {
  private readonly keys: Repository<ApiKeyEntity>;
  private readonly minted = new Map<string, { caller: KeyCaller; expiresAt: number; validUntil: number }>();
  private readonly lastUsedWritten = new Map<string, number>();

  constructor(
    dataSource: DataSource,
    private readonly signer: TokenSigner,
    private readonly audit: AuditLog,
  ) {
    this.keys = dataSource.getRepository(ApiKeyEntity);
  }

  async create(
    enterpriseId: string,
    input: { readonly name: string; readonly scopes: readonly string[]; readonly expiresInDays: number },
    actor: Actor,
  ): Promise<{ readonly key: ApiKeyView; readonly secret: string }> {
    if (!/^[\w .-]{1,100}$/.test(input.name))
      throw new GatewayError('invalid-request', 'name: 1-100 characters');
    if (
      input.scopes.length === 0 ||
      !input.scopes.every((scope) => (API_SCOPES as readonly string[]).includes(scope))
    )
      throw new GatewayError('invalid-request', `scopes: one or more of ${API_SCOPES.join(', ')}`);
    if (!Number.isInteger(input.expiresInDays) || input.expiresInDays < 1 || input.expiresInDays > MAX_DAYS)
      throw new GatewayError('invalid-request', `expiresInDays: 1-${MAX_DAYS}`);
    const secret = `${KEY_PREFIX}${randomToken()}`;
    const key = this.keys.create({
      id: randomUUID(),
      enterpriseId,
      name: input.name,
      keyHash: sha256(secret),
      scopes: [...new Set(input.scopes)],
      createdBy: actor.name ?? actor.id ?? 'unknown',
      createdAt: new Date(),
      expiresAt: new Date(Date.now() + input.expiresInDays * 86_400_000),
      revokedAt: null,
      lastUsedAt: null,
    });
    await this.keys.insert(key);
    await this.audit.record({
      event: 'api-key-create',
      outcome: 'success',
      actorId: actor.id,
      actorName: actor.name,
      sourceIp: actor.ip,
      object: key.id,
      detail: { enterpriseId, scopes: key.scopes, expiresAt: key.expiresAt.toISOString() },
    });
    return { key: keyView(key), secret };
  }

  async list(enterpriseId: string): Promise<ApiKeyView[]> {
    return (await this.keys.find({ where: { enterpriseId }, order: { createdAt: 'DESC' } })).map(keyView);
  }

  async revoke(enterpriseId: string, keyId: string, actor: Actor): Promise<void> {
    const result = await this.keys.update(
      { id: keyId, enterpriseId, revokedAt: IsNull() },
      { revokedAt: new Date() },
    );
    if (!result.affected) throw new GatewayError('not-found', 'no such active key');
    this.forget(keyId);
    await this.audit.record({
      event: 'api-key-revoke',
      outcome: 'success',
      actorId: actor.id,
      actorName: actor.name,
      sourceIp: actor.ip,
      object: keyId,
    });
  }

  /** The key's caller, or undefined for an unknown, revoked or expired key. */
  async authenticate(secret: string): Promise<KeyCaller | undefined> {
    if (!secret.startsWith(KEY_PREFIX) || secret.length > 200) return undefined;
    const hash = sha256(secret);
    const now = Date.now();
    const cached = this.minted.get(hash);
    // A revocation on another replica is seen within `REVALIDATE_MS` (the cache re-reads the row).
    if (cached && cached.validUntil > now && cached.expiresAt - now > 30_000) return cached.caller;
    const key = await this.keys.findOneBy({ keyHash: hash });
    if (!key || key.revokedAt || key.expiresAt.getTime() <= now) {
      this.minted.delete(hash);
      return undefined;
    }
    await this.markUsed(key.id, now);
    if (cached && cached.expiresAt - now > 30_000) {
      cached.validUntil = now + REVALIDATE_MS;
      return cached.caller;
    }
    const principal: Principal = {
      subject: `key:${key.id}`,
      name: key.name.slice(0, 100),
      role: 'integrator',
      enterprises: [key.enterpriseId],
      districts: [],
      scopes: key.scopes as ApiScope[],
    };
    const { token, expiresAt } = await this.signer.sign(principal);
    const caller = { keyId: key.id, token, principal };
    this.minted.set(hash, {
      caller,
      expiresAt: Math.min(expiresAt.getTime(), key.expiresAt.getTime()),
      validUntil: now + REVALIDATE_MS,
    });
    return caller;
  }

  /** last_used_at at most once a minute per key: one write per call would cost more than the call. */
  private async markUsed(keyId: string, now: number): Promise<void> {
    if ((this.lastUsedWritten.get(keyId) ?? 0) > now - 60_000) return;
    this.lastUsedWritten.set(keyId, now);
    await this.keys.update({ id: keyId }, { lastUsedAt: new Date(now) });
  }

  private forget(keyId: string): void {
    for (const [hash, entry] of this.minted) if (entry.caller.keyId === keyId) this.minted.delete(hash);
  }
}

/** How long a key, once checked, is trusted from the cache before its row is read again. */
const REVALIDATE_MS = 5_000;

function keyView(key: ApiKeyEntity): ApiKeyView {
  return {
    id: key.id,
    enterpriseId: key.enterpriseId,
    name: key.name,
    scopes: key.scopes,
    createdBy: key.createdBy,
    createdAt: key.createdAt,
    expiresAt: key.expiresAt,
    revokedAt: key.revokedAt,
    lastUsedAt: key.lastUsedAt,
  };
}
