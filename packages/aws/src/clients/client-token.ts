import { createHash } from 'node:crypto';

/**
 * A deterministic idempotency token for a create call: the same intent (same parts) always
 * produces the same token, so a retried or replayed create returns the resource already made
 * instead of making a second one. 64 characters, within every API's clientToken limit.
 */
export function clientToken(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}
