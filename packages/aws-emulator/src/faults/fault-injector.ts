// The fault registry: tests (through the handle) and the admin endpoint add rules; the server
// consults it per call; service modules consult consistencyDelayMs (FaultHooks).
import type { FaultHooks } from '../core/contracts.ts';
import type { FaultKind, FaultMatch, FaultRule, FaultRuleInput } from './fault-rules.ts';
import { ruleMatches } from './fault-rules.ts';

export class InvalidFaultRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidFaultRuleError';
  }
}

const KINDS: FaultKind[] = ['throttle', 'error', 'latency', 'consistency'];

export class FaultInjector implements FaultHooks {
  private rules: FaultRule[] = [];
  private nextId = 1;

  add(input: FaultRuleInput): FaultRule {
    validate(input);
    const rule: FaultRule = { ...input, id: `fault-${this.nextId++}`, hits: 0 };
    this.rules.push(rule);
    return rule;
  }

  /** Throttle the next `count` matching calls (all of them when count is absent). */
  throttle(match: FaultMatch & { count?: number; retryAfterSeconds?: number }): FaultRule {
    return this.add({ ...match, kind: 'throttle' });
  }

  /** Fail the next `count` matching calls with a 5xx (500 default, or 503). */
  fail(match: FaultMatch & { count?: number; status?: number; code?: string; message?: string }): FaultRule {
    return this.add({ ...match, kind: 'error' });
  }

  latency(match: FaultMatch & { latencyMs: number; count?: number }): FaultRule {
    return this.add({ ...match, kind: 'latency' });
  }

  consistencyDelay(match: FaultMatch & { delayMs: number }): FaultRule {
    return this.add({ ...match, kind: 'consistency' });
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((rule) => rule.id !== id);
    return this.rules.length !== before;
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  /**
   * The first throttle/error rule matching this call, counted as hit. `operationKnown` false means
   * the operation is not known yet: only rules without an operation filter can match.
   */
  takeFailure(call: FaultMatch, operationKnown: boolean): FaultRule | undefined {
    for (const rule of this.rules) {
      if (rule.kind !== 'throttle' && rule.kind !== 'error') continue;
      if (operationKnown !== (rule.operation !== undefined)) continue;
      if (!ruleMatches(rule, call)) continue;
      rule.hits++;
      return rule;
    }
    return undefined;
  }

  /** Total latency of matching latency rules (each counted as hit). */
  takeLatencyMs(call: FaultMatch): number {
    let total = 0;
    for (const rule of this.rules) {
      if (rule.kind !== 'latency' || !ruleMatches(rule, call)) continue;
      rule.hits++;
      total += rule.latencyMs ?? 0;
    }
    return total;
  }

  consistencyDelayMs(service: string, operation: string, accountId?: string): number {
    return this.consistencyOverrideMs(service, operation, accountId) ?? 0;
  }

  /** The injected delay, or undefined when no rule matches (a module then keeps its defaults). */
  consistencyOverrideMs(service: string, operation: string, accountId?: string): number | undefined {
    let delay: number | undefined;
    for (const rule of this.rules) {
      if (rule.kind !== 'consistency') continue;
      if (!ruleMatches(rule, { service, operation, accountId })) continue;
      delay = Math.max(delay ?? 0, rule.delayMs ?? 0);
    }
    return delay;
  }
}

function validate(input: FaultRuleInput): void {
  if (!KINDS.includes(input.kind)) throw new InvalidFaultRuleError(`kind must be one of ${KINDS.join(', ')}`);
  if (input.count !== undefined && (!Number.isInteger(input.count) || input.count < 1)) {
    throw new InvalidFaultRuleError('count must be a positive integer');
  }
  if (input.kind === 'error' && input.status !== undefined && (input.status < 500 || input.status > 599)) {
    throw new InvalidFaultRuleError('error faults need a 5xx status');
  }
  if (input.kind === 'latency' && !(typeof input.latencyMs === 'number' && input.latencyMs >= 0)) {
    throw new InvalidFaultRuleError('latency faults need latencyMs >= 0');
  }
  if (input.kind === 'consistency' && !(typeof input.delayMs === 'number' && input.delayMs >= 0)) {
    throw new InvalidFaultRuleError('consistency faults need delayMs >= 0');
  }
}
