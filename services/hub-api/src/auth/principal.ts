// Who is calling: the operator (admin token) or one tenant (a tenant token).
import { createHash } from 'node:crypto';
import { UnauthorizedError } from '@trellis/core';
import { tenantNamespace } from '@trellis/core';
import type { CacheView } from '../cache/cache-view.ts';
import type { Secret } from '../resources.ts';
import {
  hashToken,
  parseTenantToken,
  sameDigest,
  TOKEN_PREFIX,
  tokenSecretName,
} from './tenant-tokens.ts';

export type Principal = { kind: 'admin' } | { kind: 'tenant'; tenant: string; tokenId: string };

export const TOKEN_HASH_KEY = 'sha256';

export class Authenticator {
  private readonly adminDigest: string;
  private readonly tokens: CacheView<Secret>;

  constructor(adminToken: string, tokens: CacheView<Secret>) {
    if (adminToken.length < 16) {
      throw new Error('the admin token must be at least 16 characters long');
    }
    if (adminToken.startsWith(TOKEN_PREFIX)) {
      throw new Error(
        `the admin token must not start with ${TOKEN_PREFIX} (the tenant-token prefix)`,
      );
    }
    this.adminDigest = hashToken(adminToken);
    this.tokens = tokens;
  }

  /** The principal behind an Authorization header, or UnauthorizedError (never says why). */
  authenticate(authorization: string | undefined): Principal {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    const token = match?.[1];
    if (token === undefined) throw new UnauthorizedError('a bearer token is required');
    const digest = hashToken(token);
    if (sameDigest(digest, this.adminDigest)) return { kind: 'admin' };
    const parsed = parseTenantToken(token);
    if (parsed !== undefined) {
      const secret = this.tokens.get(tokenSecretName(parsed.id), tenantNamespace(parsed.tenant));
      const stored = decode(secret?.data?.[TOKEN_HASH_KEY]);
      if (
        stored !== undefined &&
        secret?.metadata?.deletionTimestamp === undefined &&
        sameDigest(digest, stored)
      ) {
        return { kind: 'tenant', tenant: parsed.tenant, tokenId: parsed.id };
      }
    }
    throw new UnauthorizedError('the bearer token is not valid');
  }
}

function decode(base64: string | undefined): string | undefined {
  return base64 === undefined ? undefined : Buffer.from(base64, 'base64').toString('utf8');
}

/** A stable, non-secret identifier of a principal, for idempotency keys and logs. */
export function principalId(principal: Principal): string {
  return principal.kind === 'admin' ? 'admin' : `tenant:${principal.tenant}:${principal.tokenId}`;
}

export function digestOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
