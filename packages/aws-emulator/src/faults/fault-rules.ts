// Injected faults: a rule matches calls by service, operation and account, and applies to the
// next `count` matching calls (or until removed when count is absent).
import type { AwsProtocol } from '../core/contracts.ts';
import { AwsError } from '../core/contracts.ts';

export type FaultKind = 'throttle' | 'error' | 'latency' | 'consistency';

export interface FaultMatch {
  /** signing name: sts | vpc-lattice | ram | eks; absent = every service */
  service?: string;
  /** operation name, e.g. AssumeRole, CreateServiceNetwork; absent = every operation */
  operation?: string;
  /** caller account; absent = every account */
  accountId?: string;
}

export interface FaultRuleInput extends FaultMatch {
  kind: FaultKind;
  /** number of matching calls affected; absent = until removed */
  count?: number;
  /** error: HTTP status (500 or 503 typical; default 500) */
  status?: number;
  /** error/throttle: override the error code */
  code?: string;
  message?: string;
  /** throttle: Retry-After / retryAfterSeconds (restJson1) */
  retryAfterSeconds?: number;
  /** latency: added before the response is sent */
  latencyMs?: number;
  /** consistency: how long writes stay invisible to reads (modules consult it) */
  delayMs?: number;
}

export interface FaultRule extends FaultRuleInput {
  id: string;
  /** matching calls affected so far */
  hits: number;
}

export function ruleMatches(rule: FaultRule, call: FaultMatch): boolean {
  if (rule.count !== undefined && rule.hits >= rule.count) return false;
  if (rule.service !== undefined && rule.service !== call.service) return false;
  if (rule.operation !== undefined && rule.operation !== call.operation) return false;
  if (rule.accountId !== undefined && rule.accountId !== call.accountId) return false;
  return true;
}

/** Each service's own names for its throttling and server errors. */
const SERVER_ERROR_CODES: Record<string, { 500: string; 503: string }> = {
  sts: { 500: 'InternalFailure', 503: 'ServiceUnavailable' },
  'vpc-lattice': { 500: 'InternalServerException', 503: 'ServiceUnavailableException' },
  ram: { 500: 'ServerInternalException', 503: 'ServiceUnavailableException' },
  eks: { 500: 'ServerException', 503: 'ServiceUnavailableException' },
};

export function faultError(rule: FaultRule, service: string, protocol: AwsProtocol): AwsError {
  if (rule.kind === 'throttle') {
    if (protocol === 'awsQuery') return new AwsError(rule.code ?? 'Throttling', rule.message ?? 'Rate exceeded', 400);
    const fields: Record<string, unknown> = {};
    if (rule.retryAfterSeconds !== undefined) fields.retryAfterSeconds = rule.retryAfterSeconds;
    return new AwsError(rule.code ?? 'ThrottlingException', rule.message ?? 'Rate exceeded', 429, fields);
  }
  const status = rule.status ?? 500;
  const codes = SERVER_ERROR_CODES[service] ?? { 500: 'InternalFailure', 503: 'ServiceUnavailable' };
  const code = rule.code ?? (status === 503 ? codes[503] : codes[500]);
  const message =
    rule.message ?? (status === 503 ? 'Service is unavailable. Please try again later.' : 'An internal error occurred.');
  return new AwsError(code, message, status);
}
