// Accounts, IAM users and roles, access keys (long-term and STS-issued), VPCs and organisations.
// Also the AccountDirectory the Lattice and RAM modules consult.
//
// Implicit mode (the default without a seed, LocalStack's convention): an access key id that is
// a 12-digit number is that account's root with secret `test`, every 12-digit account exists,
// and any well-formed vpc- id is a VPC of the calling account.
import type { AccountDirectory } from '../core/contracts.ts';
import { stableId } from './ids.ts';
import type { AccessKey, Principal } from './principals.ts';
import { isValidIamPath, roleArn as buildRoleArn, userArn as buildUserArn } from './principals.ts';
import type { PolicyDocument } from './trust-policy.ts';
import { parseTrustPolicy } from './trust-policy.ts';

export const IMPLICIT_ROOT_SECRET = 'test';
const VPC_ID = /^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/;

export interface AccountInput {
  id: string;
  name?: string;
}

export interface UserInput {
  accountId: string;
  name: string;
  path?: string;
}

export interface AccessKeyInput {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface RoleInput {
  accountId: string;
  name: string;
  path?: string;
  roleId?: string;
  /** object or JSON text */
  trustPolicy: unknown;
  /** seconds, 3600..43200; default 3600 */
  maxSessionDuration?: number;
}

export interface Role {
  accountId: string;
  name: string;
  path: string;
  arn: string;
  roleId: string;
  trustPolicy: PolicyDocument;
  maxSessionDuration: number;
}

export interface User {
  accountId: string;
  name: string;
  path: string;
  arn: string;
  userId: string;
}

export interface Vpc {
  id: string;
  accountId: string;
  region?: string;
}

export interface Organization {
  id: string;
  accountIds: string[];
  /** RAM "sharing within your organization" enabled: shares need no invitation */
  ramSharingEnabled: boolean;
  /** one of accountIds; default: the first of them */
  managementAccountId?: string;
  /** flat: nesting is not modelled (list an account under every OU that should include it) */
  organizationalUnits?: { id: string; accountIds: string[] }[];
}

export class IdentityConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IdentityConfigError';
  }
}

export class IdentityStore implements AccountDirectory {
  /** see the file comment */
  implicit: boolean;
  private readonly accounts = new Map<string, AccountInput>();
  private readonly users = new Map<string, User>();
  private readonly roles = new Map<string, Role>();
  private readonly keys = new Map<string, AccessKey>();
  private readonly vpcs = new Map<string, Vpc>();
  private readonly organizations = new Map<string, Organization>();

  constructor(options: { implicit: boolean }) {
    this.implicit = options.implicit;
  }

  addAccount(input: AccountInput): void {
    if (!/^\d{12}$/.test(input.id)) throw new IdentityConfigError(`account id must be 12 digits: ${input.id}`);
    this.accounts.set(input.id, input);
  }

  listAccounts(): AccountInput[] {
    return [...this.accounts.values()];
  }

  addUser(input: UserInput): User {
    this.requireAccount(input.accountId);
    const path = input.path ?? '/';
    if (!isValidIamPath(path)) throw new IdentityConfigError(`invalid IAM path for user ${input.name}: ${path}`);
    const arn = buildUserArn(input.accountId, path, input.name);
    const user: User = { accountId: input.accountId, name: input.name, path, arn, userId: stableId('AIDA', arn) };
    this.users.set(arn, user);
    return user;
  }

  /** Long-term key for a user (by ARN) or for an account root (by account id). */
  addAccessKey(owner: { userArn: string } | { rootOf: string }, key: AccessKeyInput): AccessKey {
    let principal: Principal;
    if ('userArn' in owner) {
      const user = this.users.get(owner.userArn);
      if (!user) throw new IdentityConfigError(`no such user: ${owner.userArn}`);
      principal = { kind: 'user', accountId: user.accountId, userName: user.name, path: user.path, userId: user.userId };
    } else {
      this.requireAccount(owner.rootOf);
      principal = { kind: 'root', accountId: owner.rootOf };
    }
    if (this.keys.has(key.accessKeyId)) throw new IdentityConfigError(`duplicate access key id: ${key.accessKeyId}`);
    const record: AccessKey = { ...key, principal };
    this.keys.set(key.accessKeyId, record);
    return record;
  }

  /** Temporary credentials issued by STS. */
  addSessionKey(key: AccessKey): void {
    this.keys.set(key.accessKeyId, key);
  }

  findAccessKey(accessKeyId: string): AccessKey | undefined {
    const known = this.keys.get(accessKeyId);
    if (known) return known;
    if (this.implicit && /^\d{12}$/.test(accessKeyId)) {
      return { accessKeyId, secretAccessKey: IMPLICIT_ROOT_SECRET, principal: { kind: 'root', accountId: accessKeyId } };
    }
    return undefined;
  }

  addRole(input: RoleInput): Role {
    this.requireAccount(input.accountId);
    const path = input.path ?? '/';
    if (!isValidIamPath(path)) throw new IdentityConfigError(`invalid IAM path for role ${input.name}: ${path}`);
    if (!/^[\w+=,.@-]{1,64}$/.test(input.name)) throw new IdentityConfigError(`invalid role name: ${input.name}`);
    const maxSessionDuration = input.maxSessionDuration ?? 3600;
    if (!Number.isInteger(maxSessionDuration) || maxSessionDuration < 3600 || maxSessionDuration > 43200) {
      throw new IdentityConfigError(`role ${input.name}: maxSessionDuration must be 3600..43200 seconds`);
    }
    const arn = buildRoleArn(input.accountId, path, input.name);
    const role: Role = {
      accountId: input.accountId,
      name: input.name,
      path,
      arn,
      roleId: input.roleId ?? stableId('AROA', arn),
      trustPolicy: parseTrustPolicy(input.trustPolicy),
      maxSessionDuration,
    };
    // Role names are unique per account regardless of path, as in IAM.
    for (const existing of this.roles.values()) {
      if (existing.accountId === role.accountId && existing.name === role.name) this.roles.delete(existing.arn);
    }
    this.roles.set(arn, role);
    return role;
  }

  findRole(arn: string): Role | undefined {
    return this.roles.get(arn);
  }

  findRoleByName(accountId: string, name: string): Role | undefined {
    for (const role of this.roles.values()) if (role.accountId === accountId && role.name === name) return role;
    return undefined;
  }

  listRoles(): Role[] {
    return [...this.roles.values()];
  }

  addVpc(vpc: Vpc): void {
    if (!VPC_ID.test(vpc.id)) throw new IdentityConfigError(`invalid VPC id: ${vpc.id}`);
    this.requireAccount(vpc.accountId);
    this.vpcs.set(vpc.id, vpc);
  }

  findVpc(vpcId: string): Vpc | undefined {
    return this.vpcs.get(vpcId);
  }

  addOrganization(org: Organization): void {
    for (const accountId of org.accountIds) this.requireAccount(accountId);
    if (org.managementAccountId !== undefined && !org.accountIds.includes(org.managementAccountId)) {
      throw new IdentityConfigError(`management account ${org.managementAccountId} is not one of the organization's accounts`);
    }
    for (const ou of org.organizationalUnits ?? []) {
      const outsiders = ou.accountIds.filter((accountId) => !org.accountIds.includes(accountId));
      if (outsiders.length > 0) {
        throw new IdentityConfigError(`organizational unit ${ou.id}: ${outsiders.join(', ')} not in the organization's accounts`);
      }
    }
    this.organizations.set(org.id, structuredClone(org));
  }

  // AccountDirectory

  accountExists(accountId: string): boolean {
    return this.accounts.has(accountId) || (this.implicit && /^\d{12}$/.test(accountId));
  }

  vpcOwner(vpcId: string, callerAccountId: string): string | undefined {
    const known = this.vpcs.get(vpcId);
    if (known) return known.accountId;
    return this.implicit && VPC_ID.test(vpcId) ? callerAccountId : undefined;
  }

  organizationOf(accountId: string): string | undefined {
    for (const org of this.organizations.values()) if (org.accountIds.includes(accountId)) return org.id;
    return undefined;
  }

  organizationSharingEnabled(organizationId: string): boolean {
    return this.organizations.get(organizationId)?.ramSharingEnabled ?? false;
  }

  organizationalUnitsOf(accountId: string): string[] {
    const org = this.organizations.get(this.organizationOf(accountId) ?? '');
    return (org?.organizationalUnits ?? []).filter((ou) => ou.accountIds.includes(accountId)).map((ou) => ou.id);
  }

  managementAccountOf(organizationId: string): string | undefined {
    const org = this.organizations.get(organizationId);
    return org?.managementAccountId ?? org?.accountIds[0];
  }

  private requireAccount(accountId: string): void {
    if (this.accounts.has(accountId)) return;
    if (this.implicit && /^\d{12}$/.test(accountId)) {
      this.accounts.set(accountId, { id: accountId });
      return;
    }
    throw new IdentityConfigError(`unknown account ${accountId}: declare it first`);
  }
}
