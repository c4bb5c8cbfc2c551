// Idempotency-Key for POST: the same key with the same body replays the first response; the same
// key with another body is a 409. Kept in this replica's memory for a TTL: a retry that lands on
// another replica is not deduplicated (the resource name still makes creates conflict, not
// duplicate). See docs/api.md.
import { ConflictError } from '@trellis/core';

export interface StoredResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: unknown;
}

interface Entry {
  fingerprint: string;
  expiresAt: number;
  response: Promise<StoredResponse>;
}

export interface IdempotencyStoreOptions {
  ttlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: IdempotencyStoreOptions = {}) {
    this.ttlMs = options.ttlMs ?? 24 * 60 * 60 * 1000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * Run `work` once per (scope, key); later calls with the same fingerprint get its response.
   * A failed attempt is forgotten, so the client may retry it with the same key.
   */
  async run(
    scope: string,
    key: string,
    fingerprint: string,
    work: () => Promise<StoredResponse>,
  ): Promise<StoredResponse & { replayed: boolean }> {
    this.evictExpired();
    const id = `${scope}\u0000${key}`;
    const existing = this.entries.get(id);
    if (existing !== undefined) {
      if (existing.fingerprint !== fingerprint) {
        throw new ConflictError(
          'IdempotencyKeyReused',
          'this Idempotency-Key was used with a different request body',
        );
      }
      return { ...(await existing.response), replayed: true };
    }
    const response = work();
    const entry: Entry = { fingerprint, expiresAt: this.now() + this.ttlMs, response };
    this.entries.set(id, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    try {
      return { ...(await response), replayed: false };
    } catch (error) {
      if (this.entries.get(id) === entry) this.entries.delete(id);
      throw error;
    }
  }

  private evictExpired(): void {
    const now = this.now();
    // Map keeps insertion order, and every entry has the same TTL: stop at the first live one.
    for (const [id, entry] of this.entries) {
      if (entry.expiresAt > now) break;
      this.entries.delete(id);
    }
  }
}

/** JSON with sorted keys, so `{a,b}` and `{b,a}` fingerprint the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
