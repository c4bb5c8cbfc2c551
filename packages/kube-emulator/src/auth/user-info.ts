// Well-known users and groups, and the group every authenticated request carries.
import type { UserInfo } from './types.ts';

export const GROUP_AUTHENTICATED = 'system:authenticated';
export const GROUP_UNAUTHENTICATED = 'system:unauthenticated';
export const GROUP_MASTERS = 'system:masters';
export const GROUP_SERVICE_ACCOUNTS = 'system:serviceaccounts';
export const USER_ANONYMOUS = 'system:anonymous';
export const SERVICE_ACCOUNT_USERNAME_PREFIX = 'system:serviceaccount:';

/** The user of a request without credentials, when anonymous auth is enabled. */
export function anonymousUser(): UserInfo {
  return { username: USER_ANONYMOUS, groups: [GROUP_UNAUTHENTICATED] };
}

/**
 * The API server adds system:authenticated to every user an authenticator returns (except
 * anonymous), whatever the token kind, so RBAC bindings to that group apply to all of them.
 */
export function withAuthenticatedGroup(user: UserInfo): UserInfo {
  if (user.username === USER_ANONYMOUS || user.groups.includes(GROUP_AUTHENTICATED)) return { ...user, groups: [...user.groups] };
  return { ...user, groups: [...user.groups, GROUP_AUTHENTICATED] };
}

/** `system:serviceaccount:<ns>:<name>` */
export function serviceAccountUsername(namespace: string, name: string): string {
  return `${SERVICE_ACCOUNT_USERNAME_PREFIX}${namespace}:${name}`;
}

/** Splits `system:serviceaccount:<ns>:<name>`; undefined for other users. */
export function parseServiceAccountUsername(username: string): { namespace: string; name: string } | undefined {
  if (!username.startsWith(SERVICE_ACCOUNT_USERNAME_PREFIX)) return undefined;
  const parts = username.slice(SERVICE_ACCOUNT_USERNAME_PREFIX.length).split(':');
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') return undefined;
  return { namespace: parts[0], name: parts[1] };
}
