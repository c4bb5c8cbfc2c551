// Role trust policies: which principals may call sts:AssumeRole / sts:TagSession on a role, under
// which conditions. Only what trust policies use is evaluated: Allow/Deny statements, AWS
// principals, actions with wildcards, and the string/null condition operators on request keys
// (sts:ExternalId, sts:RoleSessionName, aws:PrincipalArn, aws:PrincipalAccount, aws:RequestTag/…).
// Explicit Deny wins; no matching Allow means denied, as in IAM.
import type { Caller } from '../core/contracts.ts';

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: '*' | { AWS?: string | string[]; Service?: string | string[]; Federated?: string | string[] };
  Action?: string | string[];
  NotAction?: string | string[];
  Condition?: Record<string, Record<string, string | string[] | boolean>>;
}

export interface PolicyDocument {
  Version?: string;
  Statement: PolicyStatement | PolicyStatement[];
}

export class MalformedPolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedPolicyError';
  }
}

/** Parses and shape-checks a trust policy (object or JSON text). */
export function parseTrustPolicy(input: unknown): PolicyDocument {
  let doc: unknown = input;
  if (typeof input === 'string') {
    try {
      doc = JSON.parse(input);
    } catch {
      throw new MalformedPolicyError('trust policy is not valid JSON');
    }
  }
  if (typeof doc !== 'object' || doc === null || !('Statement' in doc)) {
    throw new MalformedPolicyError('trust policy needs a Statement');
  }
  const statements = asArray((doc as PolicyDocument).Statement);
  for (const statement of statements) {
    if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') {
      throw new MalformedPolicyError(`statement Effect must be Allow or Deny, got ${String(statement.Effect)}`);
    }
    if (statement.Principal === undefined) throw new MalformedPolicyError('trust policy statements need a Principal');
    if (statement.Action === undefined && statement.NotAction === undefined) {
      throw new MalformedPolicyError('trust policy statements need an Action');
    }
  }
  return doc as PolicyDocument;
}

export interface TrustRequest {
  caller: Caller;
  action: 'sts:AssumeRole' | 'sts:TagSession';
  /** condition keys of the request, lower-cased names, e.g. 'sts:externalid' */
  context: Record<string, string | undefined>;
}

export function trustPolicyAllows(policy: PolicyDocument, request: TrustRequest): boolean {
  let allowed = false;
  for (const statement of asArray(policy.Statement)) {
    if (!statementMatches(statement, request)) continue;
    if (statement.Effect === 'Deny') return false;
    allowed = true;
  }
  return allowed;
}

function statementMatches(statement: PolicyStatement, request: TrustRequest): boolean {
  if (!principalMatches(statement.Principal, request.caller)) return false;
  if (statement.Action !== undefined && !asArray(statement.Action).some((a) => wildcardMatch(a, request.action, true)))
    return false;
  if (statement.NotAction !== undefined && asArray(statement.NotAction).some((a) => wildcardMatch(a, request.action, true)))
    return false;
  return conditionsMatch(statement.Condition ?? {}, request.context);
}

function principalMatches(principal: PolicyStatement['Principal'], caller: Caller): boolean {
  if (principal === '*') return true;
  if (principal === undefined || principal.AWS === undefined) return false;
  return asArray(principal.AWS).some((entry) => awsPrincipalMatches(entry, caller));
}

/**
 * An account (id or root ARN) trusts every principal of that account (IAM would then also
 * consult the caller's identity policies, which the emulator does not model); a role ARN trusts
 * that role's sessions; a user or session ARN trusts exactly that principal.
 */
function awsPrincipalMatches(entry: string, caller: Caller): boolean {
  if (entry === '*') return true;
  if (/^\d{12}$/.test(entry)) return entry === caller.accountId;
  const root = /^arn:aws:iam::(\d{12}):root$/.exec(entry);
  if (root) return root[1] === caller.accountId;
  if (/^arn:aws:iam::\d{12}:role\//.test(entry)) return caller.roleArn === entry;
  return caller.arn === entry;
}

function conditionsMatch(
  conditions: Record<string, Record<string, string | string[] | boolean>>,
  context: Record<string, string | undefined>,
): boolean {
  for (const [operator, clauses] of Object.entries(conditions)) {
    for (const [key, expected] of Object.entries(clauses)) {
      const actual = context[key.toLowerCase()];
      const values = asArray(expected).map(String);
      if (!operatorMatches(operator, actual, values)) return false;
    }
  }
  return true;
}

function operatorMatches(operator: string, actual: string | undefined, values: string[]): boolean {
  const ifExists = operator.endsWith('IfExists');
  const op = ifExists ? operator.slice(0, -'IfExists'.length) : operator;
  if (op === 'Null') return values.some((v) => (v === 'true') === (actual === undefined));
  if (actual === undefined) return ifExists || op.startsWith('StringNot');
  switch (op) {
    case 'StringEquals':
      return values.includes(actual);
    case 'StringNotEquals':
      return !values.includes(actual);
    case 'StringEqualsIgnoreCase':
      return values.some((v) => v.toLowerCase() === actual.toLowerCase());
    case 'StringNotEqualsIgnoreCase':
      return !values.some((v) => v.toLowerCase() === actual.toLowerCase());
    case 'StringLike':
    case 'ArnLike':
    case 'ArnEquals':
      return values.some((v) => wildcardMatch(v, actual, false));
    case 'StringNotLike':
    case 'ArnNotLike':
    case 'ArnNotEquals':
      return !values.some((v) => wildcardMatch(v, actual, false));
    case 'Bool':
      return values.includes(actual);
    default:
      // An operator we do not model never grants access.
      return false;
  }
}

/** IAM wildcards: `*` any run, `?` one character. */
export function wildcardMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
  const regex = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${regex}$`, ignoreCase ? 'i' : '').test(value);
}

function asArray<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}
