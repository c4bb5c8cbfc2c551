// Static bearer tokens (kube-apiserver --token-auth-file): a fixed token → user table.
import type { UserInfo } from './types.ts';

export type StaticTokens = Map<string, UserInfo> | Record<string, UserInfo>;

/**
 * Looks tokens up in the table at request time, so a caller may add or revoke tokens later by
 * editing the Map or object it passed in.
 */
export function staticTokenAuthenticator(tokens: StaticTokens): (token: string) => UserInfo | undefined {
  return (token) => {
    const user = tokens instanceof Map ? tokens.get(token) : Object.hasOwn(tokens, token) ? tokens[token] : undefined;
    return user === undefined ? undefined : { ...user, groups: [...user.groups] };
  };
}
