// The principals an access key can belong to, and their ARNs as IAM/STS print them.
import type { Caller } from '../core/contracts.ts';

export interface RootPrincipal {
  kind: 'root';
  accountId: string;
}

export interface UserPrincipal {
  kind: 'user';
  accountId: string;
  userName: string;
  path: string;
  userId: string;
}

export interface AssumedRolePrincipal {
  kind: 'assumed-role';
  accountId: string;
  roleName: string;
  roleArn: string;
  roleId: string;
  sessionName: string;
  /** AssumeRole was called with role-session credentials */
  chained: boolean;
  sessionTags: Record<string, string>;
}

export type Principal = RootPrincipal | UserPrincipal | AssumedRolePrincipal;

export interface AccessKey {
  accessKeyId: string;
  secretAccessKey: string;
  /** present for temporary (STS) credentials, which must send it as x-amz-security-token */
  sessionToken?: string;
  expiration?: Date;
  principal: Principal;
}

export function rootArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:root`;
}

export function userArn(accountId: string, path: string, userName: string): string {
  return `arn:aws:iam::${accountId}:user${path}${userName}`;
}

export function roleArn(accountId: string, path: string, roleName: string): string {
  return `arn:aws:iam::${accountId}:role${path}${roleName}`;
}

export function assumedRoleArn(accountId: string, roleName: string, sessionName: string): string {
  return `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`;
}

export function principalArn(principal: Principal): string {
  switch (principal.kind) {
    case 'root':
      return rootArn(principal.accountId);
    case 'user':
      return userArn(principal.accountId, principal.path, principal.userName);
    case 'assumed-role':
      return assumedRoleArn(principal.accountId, principal.roleName, principal.sessionName);
  }
}

/** GetCallerIdentity's UserId: the account id for root, AIDA… for users, AROA…:session for roles. */
export function principalUserId(principal: Principal): string {
  switch (principal.kind) {
    case 'root':
      return principal.accountId;
    case 'user':
      return principal.userId;
    case 'assumed-role':
      return `${principal.roleId}:${principal.sessionName}`;
  }
}

export function callerOf(key: AccessKey): Caller {
  const principal = key.principal;
  const caller: Caller = {
    accountId: principal.accountId,
    arn: principalArn(principal),
    userId: principalUserId(principal),
    accessKeyId: key.accessKeyId,
    kind: principal.kind,
  };
  if (principal.kind === 'assumed-role') {
    caller.roleArn = principal.roleArn;
    caller.chained = principal.chained;
  }
  return caller;
}

/** Path validation shared by users and roles: `/` or `/a/b/`. */
export function isValidIamPath(path: string): boolean {
  return path === '/' || /^\/[\u0021-\u007E]{1,510}\/$/.test(path);
}
