// clientToken idempotency: within an account and region, the same token with the same request
// returns the resource the first call created; the same token with a different request is a
// ConflictException (the model: "If the parameters aren't identical, the retry fails").
import { LatticeConflict } from './errors.ts';
import type { Scope } from './model.ts';

interface Remembered {
  fingerprint: string;
  arn: string;
}

export class ClientTokens {
  readonly #seen = new Map<string, Remembered>();

  /** The ARN created earlier for this token and request, or undefined for a first call. */
  lookup(
    scope: Scope,
    operation: string,
    token: string | undefined,
    request: unknown,
  ): string | undefined {
    if (token === undefined) return undefined;
    const seen = this.#seen.get(key(scope, operation, token));
    if (!seen) return undefined;
    if (seen.fingerprint !== fingerprint(request)) {
      throw new LatticeConflict(
        'CLIENT_TOKEN',
        token,
        `The client token ${token} was already used with different parameters for ${operation}`,
      );
    }
    return seen.arn;
  }

  remember(
    scope: Scope,
    operation: string,
    token: string | undefined,
    request: unknown,
    arn: string,
  ): void {
    if (token === undefined) return;
    this.#seen.set(key(scope, operation, token), { fingerprint: fingerprint(request), arn });
  }
}

function key(scope: Scope, operation: string, token: string): string {
  return `${scope.accountId}|${scope.region}|${operation}|${token}`;
}

/** Canonical JSON (sorted keys) of the request without its clientToken. */
function fingerprint(request: unknown): string {
  return JSON.stringify(canonical(request));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      if (k === 'clientToken') continue;
      out[k] = canonical((value as Record<string, unknown>)[k]);
    }
    return out;
  }
  return value;
}
