export interface BackoffPolicy {
  /** delay before the first retry */
  baseMs: number;
  /** no delay grows past this */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 5 * 60_000 };

/**
 * Exponential backoff with "equal jitter": half the exponential delay is fixed, half random, so
 * retries spread out (no thundering herd after an AWS outage) but never collapse to zero.
 * `attempt` counts from 1.
 */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const half = exponential / 2;
  return Math.round(half + random() * half);
}
