// The bearer token of a request. Tokens themselves are checked by the server's TokenAuthority
// (server/authentication.ts), which uses this module's EKS and service-account pieces.

/**
 * The token of an `Authorization` header value, as kube-apiserver reads it: scheme `Bearer`
 * (any case), the token up to the next space; undefined when absent or not a bearer header.
 */
export function bearerTokenFromHeader(header: string | undefined): string | undefined {
  const auth = (header ?? '').trim();
  if (auth === '') return undefined;
  const parts = auth.split(' ');
  if (parts.length < 2 || parts[0].toLowerCase() !== 'bearer') return undefined;
  const token = parts[1];
  return token === '' ? undefined : token;
}
