// Injected misbehaviour of one virtual cluster: failing requests, latency and partitions.
import { internalError, serviceUnavailable, tooManyRequests } from '../server/api-error.ts';
import type { ApiError } from '../server/api-error.ts';

export type FailureCode = 429 | 500 | 503;

export interface FailureOptions {
  /** only requests with this verb (get, list, watch, create, update, patch, delete, deletecollection) */
  verb?: string;
  /** only requests for this resource (plural, e.g. 'configmaps') */
  resource?: string;
  /** Retry-After for 429 (default 1) */
  retryAfterSeconds?: number;
}

interface FailureRule extends FailureOptions {
  remaining: number;
  code: FailureCode;
}

/** 'reset': connections are destroyed (ECONNRESET); 'hang': requests are never answered. */
export type PartitionMode = 'reset' | 'hang';

export class ClusterFaults {
  #rules: FailureRule[] = [];
  latencyMs = 0;
  partition: PartitionMode | undefined;

  failNext(count: number, code: FailureCode, opts: FailureOptions = {}): void {
    if (count > 0) this.#rules.push({ ...opts, remaining: count, code });
  }

  get pendingFailures(): number {
    return this.#rules.reduce((n, r) => n + r.remaining, 0);
  }

  /** The error the next matching request must fail with, consuming one injected failure. */
  takeFailure(verb: string, resource: string | undefined): ApiError | undefined {
    const rule = this.#rules.find(
      (r) => r.remaining > 0 && (!r.verb || r.verb === verb) && (!r.resource || r.resource === resource),
    );
    if (!rule) return undefined;
    rule.remaining--;
    if (rule.remaining === 0) this.#rules = this.#rules.filter((r) => r !== rule);
    switch (rule.code) {
      case 429:
        return tooManyRequests(rule.retryAfterSeconds ?? 1);
      case 500:
        return internalError('injected fault');
      case 503:
        return serviceUnavailable();
    }
  }

  reset(): void {
    this.#rules = [];
    this.latencyMs = 0;
    this.partition = undefined;
  }
}
