import { describe, expect, it } from 'vitest';
import { hashToken, mintTenantToken, parseTenantToken, sameDigest } from './tenant-tokens.ts';

describe('tenant tokens', () => {
  it('mints recognisable tokens that parse back to their tenant and id', () => {
    const minted = mintTenantToken('acme-prod');
    expect(minted.token).toMatch(/^trls_acme-prod_[0-9a-f]{52}$/);
    expect(parseTenantToken(minted.token)).toEqual({ tenant: 'acme-prod', id: minted.id });
    expect(minted.hash).toBe(hashToken(minted.token));
    expect(minted.hash).not.toContain(minted.token);
  });

  it('rejects anything that is not a token', () => {
    expect(parseTenantToken('admin')).toBeUndefined();
    expect(parseTenantToken('trls_acme_short')).toBeUndefined();
    expect(parseTenantToken(`trls_ACME_${'a'.repeat(52)}`)).toBeUndefined();
  });

  it('compares digests exactly', () => {
    const a = hashToken('x');
    expect(sameDigest(a, hashToken('x'))).toBe(true);
    expect(sameDigest(a, hashToken('y'))).toBe(false);
    expect(sameDigest(a, '')).toBe(false);
  });
});
