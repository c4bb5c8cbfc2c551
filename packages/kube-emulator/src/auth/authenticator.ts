// The bearer-token authenticator chain of one cluster: EKS tokens, static tokens, service-account
// tokens — the first that recognises the token decides.
import { authenticateEksToken, isEksToken } from './eks-authenticator.ts';
import type { EksAuthOptions } from './eks-authenticator.ts';
import { staticTokenAuthenticator } from './static-tokens.ts';
import type { StaticTokens } from './static-tokens.ts';
import type { Authenticator, UserInfo } from './types.ts';
import { withAuthenticatedGroup } from './user-info.ts';

export interface AuthenticatorOptions {
  staticTokens: StaticTokens;
  /** e.g. `(t) => verifyServiceAccountToken(t, key)` plus a check that the account still exists */
  serviceAccountTokens?: (token: string) => UserInfo | undefined;
  eks?: EksAuthOptions;
}

/**
 * The token of an `Authorization` header value, as kube-apiserver reads it: scheme `Bearer`
 * (any case), the token up to the next space; undefined when absent or not a bearer header.
 */
export function bearerTokenFromHeader(header: string | undefined): string | undefined {
  const auth = (header ?? '').trim();
  if (auth === '') return undefined;
  const parts = auth.split(' ');
  if (parts.length < 2 || (parts[0]).toLowerCase() !== 'bearer') return undefined;
  const token = parts[1];
  return token === '' ? undefined : token;
}

export function createAuthenticator(opts: AuthenticatorOptions): Authenticator {
  const staticLookup = staticTokenAuthenticator(opts.staticTokens);
  return {
    async authenticate(bearerToken) {
      if (bearerToken === undefined || bearerToken === '') return undefined;
      if (isEksToken(bearerToken)) {
        return opts.eks === undefined ? undefined : authenticateEksToken(bearerToken, opts.eks);
      }
      const staticUser = staticLookup(bearerToken);
      if (staticUser !== undefined) return withAuthenticatedGroup(staticUser);
      let saUser: UserInfo | undefined;
      try {
        saUser = opts.serviceAccountTokens?.(bearerToken);
      } catch {
        // A malformed token must be a 401, not a 500.
        saUser = undefined;
      }
      return saUser === undefined ? undefined : withAuthenticatedGroup(saUser);
    },
  };
}
