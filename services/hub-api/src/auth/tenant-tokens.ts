// Tenant API tokens: `trls_<tenant>_<id><secret>`. The prefix makes a leaked token easy to spot
// (secret scanners, logs); the tenant and id locate its record without scanning; only the
// SHA-256 of the whole token is stored, which suffices because the token has 160 random bits.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const TOKEN_PREFIX = 'trls_';
const ID_HEX = 12;
const SECRET_HEX = 40;
const TOKEN_PATTERN = new RegExp(
  `^${TOKEN_PREFIX}([a-z0-9-]{1,63})_([0-9a-f]{${ID_HEX}})([0-9a-f]{${SECRET_HEX}})$`,
);

export interface MintedToken {
  id: string;
  token: string;
  /** hex SHA-256 of `token`, the only form that is stored */
  hash: string;
}

export interface ParsedToken {
  tenant: string;
  id: string;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function mintTenantToken(tenant: string): MintedToken {
  const id = randomBytes(ID_HEX / 2).toString('hex');
  const secret = randomBytes(SECRET_HEX / 2).toString('hex');
  const token = `${TOKEN_PREFIX}${tenant}_${id}${secret}`;
  return { id, token, hash: hashToken(token) };
}

export function parseTenantToken(token: string): ParsedToken | undefined {
  const match = TOKEN_PATTERN.exec(token);
  if (match === null) return undefined;
  return { tenant: match[1] ?? '', id: match[2] ?? '' };
}

/** Compare two hex digests without leaking where they differ. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

/** The name of the Secret holding one token's hash. */
export function tokenSecretName(id: string): string {
  return `trellis-token-${id}`;
}
