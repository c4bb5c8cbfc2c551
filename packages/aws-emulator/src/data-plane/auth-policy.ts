// Evaluation of VPC Lattice auth policies for `vpc-lattice-svcs:Invoke`, following the user
// guide's "Control access to VPC Lattice services using auth policies": IAM policy grammar, an
// explicit Deny wins, otherwise an Allow must match. Unauthenticated (unsigned) requests are the
// anonymous principal, which only `"Principal": "*"` (or `{"AWS": "*"}`) covers.
//
// The subset evaluated: Effect; Principal '*', {AWS: '*' | account id | root ARN | role ARN (its
// sessions) | user or session ARN}; Action / NotAction with wildcards; Resource / NotResource with
// wildcards against `<service ARN><request path>`; Condition with the String*, Arn*, Numeric*,
// Bool and Null operators (and …IfExists) on the keys the caller of evaluateAuthPolicy supplies.
// Anything else (ForAnyValue:, unknown operators, NotPrincipal) never grants.
import type { Caller } from '../core/contracts.ts';
import { wildcardMatch } from '../identity/trust-policy.ts';

export const INVOKE_ACTION = 'vpc-lattice-svcs:Invoke';

export type PolicyDecision = 'allow' | 'explicit-deny' | 'implicit-deny';

export interface InvokeRequest {
  /** undefined: the anonymous principal */
  caller?: Caller;
  /** `<service ARN><path>`, e.g. arn:aws:vpc-lattice:us-west-2:111111111111:service/svc-…/orders */
  resource: string;
  /** condition keys with lower-cased names, e.g. 'aws:principaltype', 'vpc-lattice-svcs:port' */
  context: Record<string, string | undefined>;
}

type StringOrList = string | string[];

interface Statement {
  Effect?: unknown;
  Principal?: unknown;
  NotPrincipal?: unknown;
  Action?: StringOrList;
  NotAction?: StringOrList;
  Resource?: StringOrList;
  NotResource?: StringOrList;
  Condition?: Record<string, Record<string, StringOrList | boolean | number>>;
}

/** A policy that is not valid JSON or has no statements grants nothing. */
export function evaluateAuthPolicy(policyText: string, request: InvokeRequest): PolicyDecision {
  const statements = parseStatements(policyText);
  let allowed = false;
  for (const statement of statements) {
    if (!statementApplies(statement, request)) continue;
    if (statement.Effect === 'Deny') return 'explicit-deny';
    if (statement.Effect === 'Allow') allowed = true;
  }
  return allowed ? 'allow' : 'implicit-deny';
}

function parseStatements(policyText: string): Statement[] {
  try {
    const doc: unknown = JSON.parse(policyText);
    if (typeof doc !== 'object' || doc === null || !('Statement' in doc)) return [];
    const statements = doc.Statement;
    const list = Array.isArray(statements) ? statements : [statements];
    return list.filter((s): s is Statement => typeof s === 'object' && s !== null);
  } catch {
    return [];
  }
}

function statementApplies(statement: Statement, request: InvokeRequest): boolean {
  if (statement.NotPrincipal !== undefined) return false;
  if (!principalMatches(statement.Principal, request.caller)) return false;
  if (!listMatches(statement.Action, statement.NotAction, INVOKE_ACTION, true)) return false;
  if (!listMatches(statement.Resource, statement.NotResource, request.resource, false))
    return false;
  return conditionsHold(statement.Condition ?? {}, request.context);
}

function listMatches(
  positive: StringOrList | undefined,
  negative: StringOrList | undefined,
  value: string,
  ignoreCase: boolean,
): boolean {
  if (positive === undefined && negative === undefined) return false;
  if (positive !== undefined && !asList(positive).some((p) => wildcardMatch(p, value, ignoreCase)))
    return false;
  if (negative !== undefined && asList(negative).some((p) => wildcardMatch(p, value, ignoreCase)))
    return false;
  return true;
}

function principalMatches(principal: unknown, caller: Caller | undefined): boolean {
  if (principal === '*') return true;
  if (typeof principal !== 'object' || principal === null || !('AWS' in principal)) return false;
  const entries = asList((principal as { AWS: StringOrList }).AWS);
  return entries.some((entry) => awsPrincipalMatches(entry, caller));
}

function awsPrincipalMatches(entry: string, caller: Caller | undefined): boolean {
  if (entry === '*') return true;
  if (caller === undefined) return false;
  if (/^\d{12}$/.test(entry)) return entry === caller.accountId;
  const root = /^arn:aws:iam::(\d{12}):root$/.exec(entry);
  if (root) return root[1] === caller.accountId;
  if (/^arn:aws:iam::\d{12}:role\//.test(entry)) return caller.roleArn === entry;
  return caller.arn === entry;
}

function conditionsHold(
  conditions: Record<string, Record<string, StringOrList | boolean | number>>,
  context: Record<string, string | undefined>,
): boolean {
  for (const [operator, clauses] of Object.entries(conditions)) {
    for (const [key, expected] of Object.entries(clauses)) {
      const values = (Array.isArray(expected) ? expected : [expected]).map(String);
      if (!operatorHolds(operator, context[key.toLowerCase()], values)) return false;
    }
  }
  return true;
}

function operatorHolds(operator: string, actual: string | undefined, values: string[]): boolean {
  const ifExists = operator.endsWith('IfExists');
  const op = ifExists ? operator.slice(0, -'IfExists'.length) : operator;
  if (op === 'Null') return values.some((v) => (v === 'true') === (actual === undefined));
  // IAM: a missing key fails every operator except the negated ones and …IfExists.
  if (actual === undefined) return ifExists || /^(String|Arn)Not/.test(op);
  switch (op) {
    case 'StringEquals':
    case 'ArnEquals':
      return values.includes(actual);
    case 'StringNotEquals':
    case 'ArnNotEquals':
      return !values.includes(actual);
    case 'StringEqualsIgnoreCase':
      return values.some((v) => v.toLowerCase() === actual.toLowerCase());
    case 'StringNotEqualsIgnoreCase':
      return !values.some((v) => v.toLowerCase() === actual.toLowerCase());
    case 'StringLike':
    case 'ArnLike':
      return values.some((v) => wildcardMatch(v, actual, false));
    case 'StringNotLike':
    case 'ArnNotLike':
      return !values.some((v) => wildcardMatch(v, actual, false));
    case 'Bool':
      return values.some((v) => v.toLowerCase() === actual.toLowerCase());
    case 'NumericEquals':
    case 'NumericNotEquals':
    case 'NumericLessThan':
    case 'NumericLessThanEquals':
    case 'NumericGreaterThan':
    case 'NumericGreaterThanEquals':
      return numericHolds(op, Number(actual), values.map(Number));
    default:
      return false;
  }
}

function numericHolds(op: string, actual: number, values: number[]): boolean {
  if (Number.isNaN(actual)) return false;
  switch (op) {
    case 'NumericEquals':
      return values.includes(actual);
    case 'NumericNotEquals':
      return !values.includes(actual);
    case 'NumericLessThan':
      return values.some((v) => actual < v);
    case 'NumericLessThanEquals':
      return values.some((v) => actual <= v);
    case 'NumericGreaterThan':
      return values.some((v) => actual > v);
    default:
      return values.some((v) => actual >= v);
  }
}

function asList(value: StringOrList): string[] {
  return Array.isArray(value) ? value : [value];
}
