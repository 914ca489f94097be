import { randomBytes, randomUUID } from 'node:crypto';
import { type Principal, type PersonRole } from '@ecogate/auth';
import { type DataSource, type Repository } from '@ecogate/persistence';
import { type AuditLog } from '../audit/audit-log';
import { type AccountPolicy } from '../config/gateway.config';
import { type EnterpriseDirectory, EnterpriseError } from '../enterprises';
import { GatewayError } from '../http/gateway-error';
import { type ExternalIdentity } from '../oidc';
import { afterFailure, afterSuccess, isLocked } from './lockout';
import { burnVerifyTime, hashPassword, verifyPassword } from './password-hasher';
import { passwordProblems } from './password-policy';
import { type AccountStanding, type PendingAction, pendingActions } from './pending-actions';
import { acceptedTotpStep, newTotp } from './totp';
import { UserEntity } from './user.entity';

export const ENTERPRISE_ROLES: readonly PersonRole[] = ['enterprise-admin', 'enterprise-staff'];

export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: PersonRole;
  readonly enterpriseId?: string | undefined;
  readonly districts?: readonly string[] | undefined;
}

/** Who did it and from where: for the audit record. */
export interface Actor {
  readonly id?: string | undefined;
  readonly name?: string | undefined;
  readonly ip: string;
}

export type { PendingAction } from './pending-actions';

/** What accounts need of the enterprise directory: an inspector's scope, and that an enterprise exists. */
export type EnterpriseScopes = Pick<EnterpriseDirectory, 'exists' | 'enterpriseIdsInDistricts'>;

type LoginFailure = 'unknown-user' | 'locked' | 'wrong-password' | 'disabled' | 'wrong-totp' | 'sso-account';

export interface UserView {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: string;
  readonly enterpriseId: string | null;
  readonly districts: readonly string[];
  readonly disabled: boolean;
  readonly locked: boolean;
  readonly totpEnabled: boolean;
  readonly mustChangePassword: boolean;
  /** Signs in through the city's identity provider (no password). */
  readonly singleSignOn: boolean;
}

/**
 * Local accounts under the 等保 2.0 rules: complex passwords (argon2id), lockout after repeated
 * failures, forced change on first login / after a reset / after the maximum age, optional (or
 * required) TOTP, every security event audited.
 */
export class AccountsService {
  private readonly users: Repository<UserEntity>;

  constructor(
    dataSource: DataSource,
    private readonly policy: AccountPolicy,
    private readonly directory: EnterpriseScopes,
    private readonly audit: AuditLog,
  ) {
    this.users = dataSource.getRepository(UserEntity);
  }

  /** Checks the password (and TOTP once enabled); counts failures and locks. */
  async login(
    username: string,
    password: string,
    totpCode: string | undefined,
    actor: Actor,
  ): Promise<UserEntity> {
    const user = await this.users.findOneBy({ username });
    // Audits the failed attempt, then answers the refusal the caller gets.
    const refuse = async (reason: LoginFailure, refusal: GatewayError): Promise<GatewayError> => {
      await this.audit.record({
        event: 'login',
        outcome: 'failure',
        actorId: user?.id,
        actorName: username.slice(0, 100),
        sourceIp: actor.ip,
        detail: { reason },
      });
      return refusal;
    };
    const wrongCredentials = new GatewayError('invalid-credentials', 'wrong username or password');
    if (!user) {
      await burnVerifyTime(password);
      throw await refuse('unknown-user', wrongCredentials);
    }
    if (user.passwordHash === null) {
      // A single sign-on account has no password; answered like a wrong one (no account probing).
      await burnVerifyTime(password);
      throw await refuse('sso-account', wrongCredentials);
    }
    const now = new Date();
    if (isLocked(user, now))
      throw await refuse(
        'locked',
        new GatewayError('account-locked', 'the account is locked after repeated failures; try again later'),
      );
    if (!(await verifyPassword(user.passwordHash, password))) {
      await this.countFailure(user, actor, now);
      throw await refuse('wrong-password', wrongCredentials);
    }
    if (user.disabled)
      throw await refuse('disabled', new GatewayError('account-disabled', 'the account is disabled'));
    if (user.totpEnabled && user.totpSecret) {
      if (!totpCode) throw new GatewayError('totp-required', 'a TOTP code is required');
      const step = acceptedTotpStep(user.username, user.totpSecret, totpCode, user.totpLastStep);
      if (step === undefined) {
        await this.countFailure(user, actor, now);
        throw await refuse(
          'wrong-totp',
          new GatewayError('invalid-totp', 'wrong (or already used) TOTP code'),
        );
      }
      await this.users.update({ id: user.id }, { totpLastStep: step });
    }
    await this.users.update({ id: user.id }, afterSuccess());
    await this.audit.record({
      event: 'login',
      outcome: 'success',
      actorId: user.id,
      actorName: user.username,
      sourceIp: actor.ip,
    });
    return user;
  }

  /**
   * The account of a person the city's identity provider signed in: found by issuer + subject, or
   * provisioned on first sign-on (without a password). Role, enterprise and districts follow the
   * role map at every sign-on; a disabled account is refused.
   */
  async signOnExternal(identity: ExternalIdentity, actor: Actor): Promise<UserEntity> {
    const scope = {
      displayName: identity.displayName.slice(0, 100),
      role: identity.role,
      enterpriseId: ENTERPRISE_ROLES.includes(identity.role) ? (identity.enterpriseId ?? null) : null,
      districts: identity.role === 'inspector' ? [...identity.districts] : [],
    };
    const key = { externalIssuer: identity.issuer, externalSubject: identity.subject };
    const existing = await this.users.findOneBy(key);
    if (existing?.disabled) {
      await this.audit.record({
        event: 'login',
        outcome: 'failure',
        actorId: existing.id,
        actorName: existing.username,
        sourceIp: actor.ip,
        detail: { reason: 'disabled', via: 'sso' },
      });
      throw new GatewayError('account-disabled', 'the account is disabled');
    }
    if (existing) {
      await this.users.update({ id: existing.id }, scope);
      return { ...existing, ...scope };
    }
    const user = this.users.create({
      ...this.blankAccount(),
      ...key,
      ...scope,
      username: await this.freeExternalUsername(identity),
      passwordHash: null,
    });
    try {
      await this.users.insert(user);
    } catch (error) {
      // The same person's first sign-on in two tabs at once: the other one created the account.
      const raced = await this.users.findOneBy(key);
      if (!raced) throw error;
      return raced;
    }
    await this.audit.record({
      event: 'user-create',
      outcome: 'success',
      actorName: 'sso',
      sourceIp: actor.ip,
      object: user.id,
      detail: { username: user.username, role: user.role, enterpriseId: user.enterpriseId, via: 'sso' },
    });
    return user;
  }

  /**
   * `name@provider-host`: never a local username (those have no `@`); the subject stands in when
   * the provider gave the same name to another of its people.
   */
  private async freeExternalUsername(identity: ExternalIdentity): Promise<string> {
    const host = new URL(identity.issuer).host;
    const preferred = `${identity.username}@${host}`.slice(0, 200);
    return (await this.users.existsBy({ username: preferred }))
      ? `${identity.subject}@${host}`.slice(0, 200)
      : preferred;
  }

  /** Password change, reset and TOTP belong to the identity provider for single sign-on accounts. */
  private assertLocal(user: UserEntity, what: string): void {
    if (user.externalIssuer !== null)
      throw new GatewayError(
        'sso-account',
        `${user.username} signs in through the city's identity provider: ${what} there`,
      );
  }

  private async countFailure(user: UserEntity, actor: Actor, now: Date): Promise<void> {
    // Counted in the database (not read-modify-write), so parallel guesses all count.
    const rows: [{ failed_logins: number; locked_until: Date | null }[], number] = await this.users.query(
      `UPDATE "gateway_users" SET "failed_logins" = "failed_logins" + 1 WHERE "id" = $1 RETURNING "failed_logins", "locked_until"`,
      [user.id],
    );
    const counted = rows[0][0];
    if (!counted) return;
    const next = afterFailure(
      { failedLogins: counted.failed_logins - 1, lockedUntil: counted.locked_until },
      this.policy,
      now,
    );
    if (!next.lockedNow) return;
    await this.users.update(
      { id: user.id },
      { failedLogins: next.failedLogins, lockedUntil: next.lockedUntil },
    );
    await this.audit.record({
      event: 'lockout',
      outcome: 'success',
      actorId: user.id,
      actorName: user.username,
      sourceIp: actor.ip,
      detail: { until: next.lockedUntil?.toISOString() },
    });
  }

  async byId(userId: string): Promise<UserEntity> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user) throw new GatewayError('not-found', 'no such user');
    return user;
  }

  /** The token's claims for this person; an inspector's enterprises come from the directory. */
  async principalOf(user: UserEntity): Promise<Principal> {
    const role = user.role as PersonRole;
    const enterprises =
      role === 'inspector'
        ? await this.directory.enterpriseIdsInDistricts(user.districts)
        : ENTERPRISE_ROLES.includes(role)
          ? user.enterpriseId
            ? [user.enterpriseId]
            : []
          : ('*' as const);
    return {
      subject: user.id,
      name: user.username,
      role,
      enterprises,
      districts: user.districts,
      scopes: [],
    };
  }

  pendingActions(account: AccountStanding, now = new Date()): PendingAction[] {
    return pendingActions(account, this.policy, now);
  }

  async changePassword(userId: string, current: string, next: string, actor: Actor): Promise<void> {
    const user = await this.byId(userId);
    this.assertLocal(user, 'change the password');
    const audit = (outcome: 'success' | 'failure', reason?: string) =>
      this.audit.record({
        event: 'password-change',
        outcome,
        actorId: user.id,
        actorName: user.username,
        sourceIp: actor.ip,
        ...(reason ? { detail: { reason } } : {}),
      });
    const stored = user.passwordHash;
    if (stored === null || !(await verifyPassword(stored, current))) {
      await audit('failure', 'wrong-current-password');
      throw new GatewayError('invalid-credentials', 'the current password is wrong');
    }
    this.assertStrong(next, user.username);
    if (await verifyPassword(stored, next)) {
      await audit('failure', 'unchanged');
      throw new GatewayError('weak-password', 'the new password must differ from the current one');
    }
    await this.users.update(
      { id: user.id },
      { passwordHash: await hashPassword(next), passwordChangedAt: new Date(), mustChangePassword: false },
    );
    await audit('success');
  }

  private assertStrong(password: string, username: string): void {
    const problems = passwordProblems(password, username);
    if (problems.length > 0)
      throw new GatewayError(
        'weak-password',
        `password refused (${problems.join(', ')}): at least 10 characters, 3 of lower case, upper case, digits and symbols, not containing the username`,
      );
  }

  async enrolTotp(userId: string, actor: Actor): Promise<{ readonly secret: string; readonly uri: string }> {
    const user = await this.byId(userId);
    this.assertLocal(user, 'set up the second factor');
    if (user.totpEnabled) throw new GatewayError('conflict', 'TOTP is already enabled; disable it first');
    const enrolment = newTotp(user.username);
    await this.users.update({ id: user.id }, { totpSecret: enrolment.secret });
    await this.audit.record({
      event: 'totp-enrol',
      outcome: 'success',
      actorId: user.id,
      actorName: user.username,
      sourceIp: actor.ip,
    });
    return enrolment;
  }

  async confirmTotp(userId: string, code: string, actor: Actor): Promise<void> {
    const user = await this.byId(userId);
    const step =
      !user.totpEnabled && user.totpSecret !== null
        ? acceptedTotpStep(user.username, user.totpSecret, code, null)
        : undefined;
    const ok = step !== undefined;
    await this.audit.record({
      event: 'totp-confirm',
      outcome: ok ? 'success' : 'failure',
      actorId: user.id,
      actorName: user.username,
      sourceIp: actor.ip,
    });
    if (!ok) throw new GatewayError('invalid-totp', 'wrong TOTP code (or no enrolment pending)');
    await this.users.update({ id: user.id }, { totpEnabled: true, totpLastStep: step });
  }

  async disableTotp(userId: string, code: string, actor: Actor): Promise<void> {
    const user = await this.byId(userId);
    if (this.policy.totpRequiredRoles.includes(user.role as PersonRole))
      throw new GatewayError('conflict', `TOTP is required for ${user.role}`);
    const ok =
      user.totpEnabled &&
      user.totpSecret !== null &&
      acceptedTotpStep(user.username, user.totpSecret, code, user.totpLastStep) !== undefined;
    await this.audit.record({
      event: 'totp-disable',
      outcome: ok ? 'success' : 'failure',
      actorId: user.id,
      actorName: user.username,
      sourceIp: actor.ip,
    });
    if (!ok) throw new GatewayError('invalid-totp', 'wrong TOTP code');
    await this.users.update({ id: user.id }, { totpEnabled: false, totpSecret: null, totpLastStep: null });
  }

  // ---- administration ----

  /** Creates an account with a one-time password (returned once) that must be changed at first login. */
  async create(
    input: NewUser,
    actor: Actor,
  ): Promise<{ readonly user: UserView; readonly oneTimePassword: string }> {
    validateNewUser(input);
    if (await this.users.existsBy({ username: input.username }))
      throw new GatewayError('username-taken', 'that username is taken');
    const enterpriseId = ENTERPRISE_ROLES.includes(input.role) ? input.enterpriseId : undefined;
    if (enterpriseId !== undefined && !(await this.directory.exists(enterpriseId)))
      throw new EnterpriseError(
        'enterprise-not-found',
        `enterprise ${enterpriseId} is not registered (or is deactivated) in the enterprise directory`,
      );
    const oneTimePassword = oneTimePasswordValue();
    const user = this.users.create({
      ...this.blankAccount(),
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      enterpriseId: enterpriseId ?? null,
      districts: input.role === 'inspector' ? [...(input.districts ?? [])] : [],
      passwordHash: await hashPassword(oneTimePassword),
      mustChangePassword: true,
    });
    await this.users.insert(user);
    await this.audit.record({
      event: 'user-create',
      outcome: 'success',
      actorId: actor.id,
      actorName: actor.name,
      sourceIp: actor.ip,
      object: user.id,
      detail: { username: user.username, role: user.role, enterpriseId: user.enterpriseId },
    });
    return { user: view(user), oneTimePassword };
  }

  /** A new account's standing: enabled, unlocked, no TOTP, no external identity. */
  private blankAccount() {
    const now = new Date();
    return {
      id: randomUUID(),
      passwordChangedAt: now,
      mustChangePassword: false,
      failedLogins: 0,
      lockedUntil: null,
      disabled: false,
      totpSecret: null,
      totpEnabled: false,
      totpLastStep: null,
      externalIssuer: null,
      externalSubject: null,
      createdAt: now,
    };
  }

  async list(enterpriseId?: string): Promise<UserView[]> {
    const users = await this.users.find({
      where: enterpriseId ? { enterpriseId } : {},
      order: { username: 'ASC' },
    });
    return users.map((user) => view(user));
  }

  /**
   * The user `userId` if `enterpriseId` (an enterprise admin's scope) covers it: another
   * enterprise's user, or a city account, is `not-found` to them.
   */
  async managed(userId: string, enterpriseId?: string): Promise<UserEntity> {
    const user = await this.users.findOneBy({ id: userId });
    if (
      !user ||
      (enterpriseId !== undefined &&
        (user.enterpriseId !== enterpriseId || !ENTERPRISE_ROLES.includes(user.role as PersonRole)))
    )
      throw new GatewayError('not-found', 'no such user');
    return user;
  }

  async resetPassword(user: UserEntity, actor: Actor): Promise<string> {
    this.assertLocal(user, 'reset the password');
    const oneTimePassword = oneTimePasswordValue();
    await this.users.update(
      { id: user.id },
      {
        passwordHash: await hashPassword(oneTimePassword),
        passwordChangedAt: new Date(),
        mustChangePassword: true,
      },
    );
    await this.adminAudit('user-reset-password', user, actor);
    return oneTimePassword;
  }

  async setDisabled(user: UserEntity, disabled: boolean, actor: Actor): Promise<void> {
    await this.users.update({ id: user.id }, { disabled });
    await this.adminAudit(disabled ? 'user-disable' : 'user-enable', user, actor);
  }

  async unlock(user: UserEntity, actor: Actor): Promise<void> {
    await this.users.update({ id: user.id }, afterSuccess());
    await this.adminAudit('user-unlock', user, actor);
  }

  private adminAudit(
    event: 'user-reset-password' | 'user-disable' | 'user-enable' | 'user-unlock',
    user: UserEntity,
    actor: Actor,
  ) {
    return this.audit.record({
      event,
      outcome: 'success',
      actorId: actor.id,
      actorName: actor.name,
      sourceIp: actor.ip,
      object: user.id,
      detail: { username: user.username },
    });
  }
}

function validateNewUser(input: NewUser): void {
  if (!/^[a-z0-9][a-z0-9._-]{2,63}$/.test(input.username))
    throw new GatewayError('invalid-request', 'username: 3-64 of a-z 0-9 . _ -');
  if (input.displayName.length < 1 || input.displayName.length > 100)
    throw new GatewayError('invalid-request', 'displayName: 1-100 characters');
  if (ENTERPRISE_ROLES.includes(input.role) && !input.enterpriseId)
    throw new GatewayError('invalid-request', `${input.role} needs an enterpriseId`);
  if (input.role === 'inspector' && !(input.districts ?? []).every((d) => /^\d{6}$/.test(d)))
    throw new GatewayError('invalid-request', 'districts: 6-digit division codes');
}

/** 18 random characters with every class: satisfies the rules, shown once, changed at first login. */
function oneTimePasswordValue(): string {
  return `${randomBytes(12).toString('base64url')}-Aa9`;
}

export function view(user: UserEntity): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    enterpriseId: user.enterpriseId,
    districts: user.districts,
    disabled: user.disabled,
    locked: isLocked(user, new Date()),
    totpEnabled: user.totpEnabled,
    mustChangePassword: user.mustChangePassword,
    singleSignOn: user.externalIssuer !== null,
  };
}
