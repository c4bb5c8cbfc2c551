// Input validation with the constraints of the VPC Lattice service model (lengths, ranges,
// patterns, enums). The first failing field is reported, with AWS's fieldList shape.
import { invalidField, LatticeValidationError } from './errors.ts';

export type Json = Record<string, unknown>;

interface StringRule {
  min?: number;
  max?: number;
  pattern?: RegExp;
  enum?: readonly string[];
}

export function optString(
  input: Json,
  name: string,
  rule: StringRule = {},
  label = name,
): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidField(label, 'must be a string');
  checkString(label, value, rule);
  return value;
}

export function reqString(input: Json, name: string, rule: StringRule = {}, label = name): string {
  const value = optString(input, name, rule, label);
  if (value === undefined) throw invalidField(label, 'is required');
  return value;
}

export function checkString(label: string, value: string, rule: StringRule): void {
  if (rule.min !== undefined && value.length < rule.min) {
    throw invalidField(label, `must be at least ${rule.min} characters long`);
  }
  if (rule.max !== undefined && value.length > rule.max) {
    throw invalidField(label, `must be at most ${rule.max} characters long`);
  }
  if (rule.enum && !rule.enum.includes(value)) {
    throw invalidField(label, `must be one of ${rule.enum.join(', ')}`);
  }
  if (rule.pattern && !rule.pattern.test(value)) {
    throw invalidField(label, `must match the pattern ${rule.pattern.source}`);
  }
}

export function optInt(
  input: Json,
  name: string,
  min: number,
  max: number,
  label = name,
): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw invalidField(label, 'must be an integer');
  if (value < min || value > max) throw invalidField(label, `must be between ${min} and ${max}`);
  return value;
}

export function reqInt(input: Json, name: string, min: number, max: number, label = name): number {
  const value = optInt(input, name, min, max, label);
  if (value === undefined) throw invalidField(label, 'is required');
  return value;
}

export function optBool(input: Json, name: string, label = name): boolean | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalidField(label, 'must be a boolean');
  return value;
}

export function optObject(input: Json, name: string, label = name): Json | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value))
    throw invalidField(label, 'must be an object');
  return value as Json;
}

export function reqObject(input: Json, name: string, label = name): Json {
  const value = optObject(input, name, label);
  if (value === undefined) throw invalidField(label, 'is required');
  return value;
}

export function optArray(
  input: Json,
  name: string,
  min: number,
  max: number,
  label = name,
): unknown[] | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw invalidField(label, 'must be a list');
  const list: unknown[] = value;
  if (list.length < min || list.length > max) {
    throw invalidField(label, `must contain between ${min} and ${max} items`);
  }
  return list;
}

export function reqArray(
  input: Json,
  name: string,
  min: number,
  max: number,
  label = name,
): unknown[] {
  const value = optArray(input, name, min, max, label);
  if (value === undefined) throw invalidField(label, 'is required');
  return value;
}

export function asObject(value: unknown, label: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalidField(label, 'must be an object');
  return value as Json;
}

/** A Smithy union: exactly one member set. Returns the member's name. */
export function unionMember(value: Json, label: string, members: readonly string[]): string {
  const set = members.filter((m) => value[m] !== undefined && value[m] !== null);
  const unknown = Object.keys(value).filter((k) => !members.includes(k) && k !== '__type');
  if (unknown.length > 0) throw invalidField(label, `unknown member ${unknown[0]}`);
  if (set.length !== 1)
    throw invalidField(label, `exactly one of ${members.join(', ')} must be set`);
  return set[0];
}

// --- names (ServiceNetworkName, ServiceName, ListenerName, RuleName, TargetGroupName) ------------

const NAME_BODY = /^(?![-])(?!.*[-]$)(?!.*[-]{2})[a-z0-9-]+$/;

/** Name rules of the model: [a-z0-9-], no leading/trailing/double hyphen, reserved ID prefix. */
export function checkName(
  label: string,
  value: string,
  min: number,
  max: number,
  reservedPrefix?: string,
): void {
  checkString(label, value, { min, max });
  if (!NAME_BODY.test(value)) {
    throw invalidField(
      label,
      'valid characters are a-z, 0-9 and hyphens (-); a hyphen cannot be first, last, or follow another hyphen',
    );
  }
  if (reservedPrefix && value.startsWith(reservedPrefix)) {
    throw invalidField(label, `must not start with ${reservedPrefix}`);
  }
}

// --- tags -------------------------------------------------------------------------------------------

export const MAX_TAGS = 50;

export function checkTags(tags: unknown, label = 'tags'): Record<string, string> | undefined {
  if (tags === undefined || tags === null) return undefined;
  if (typeof tags !== 'object' || Array.isArray(tags)) throw invalidField(label, 'must be a map');
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(tags as Json)) {
    checkTagKey(key, label);
    if (typeof value !== 'string') throw invalidField(label, `value of ${key} must be a string`);
    if (value.length > 256)
      throw invalidField(label, `value of ${key} must be at most 256 characters`);
    out[key] = value;
  }
  if (Object.keys(out).length > MAX_TAGS)
    throw invalidField(label, `at most ${MAX_TAGS} tags are allowed`);
  return out;
}

export function checkTagKey(key: string, label = 'tagKeys'): void {
  if (key.length < 1 || key.length > 128)
    throw invalidField(label, 'tag keys must be 1-128 characters long');
  if (key.toLowerCase().startsWith('aws:'))
    throw invalidField(label, "tag keys may not begin with 'aws:'");
}

export function parseJsonBody(body: Buffer): Json {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new LatticeValidationError('Request body is not valid JSON', 'cannotParse');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new LatticeValidationError('Request body must be a JSON object', 'cannotParse');
  }
  return parsed as Json;
}
