// Reading RAM request members. The SDK serialises well-typed JSON, but other clients (the CLI,
// hand-written requests) can send anything, so each member is checked before use.
import type { AwsRequest } from '../core/contracts.ts';
import type { Tag } from './model.ts';
import { InvalidParameterException, MissingRequiredParameterException } from './ram-errors.ts';

export type RequestMembers = Record<string, unknown>;

export function readJsonBody(request: AwsRequest): RequestMembers {
  const text = request.body.toString('utf8').trim();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InvalidParameterException('The request body is not valid JSON.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new InvalidParameterException('The request body must be a JSON object.');
  }
  return parsed as RequestMembers;
}

export function optionalString(members: RequestMembers, name: string): string | undefined {
  const value = members[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw new InvalidParameterException(`The parameter ${name} must be a string.`);
  return value;
}

export function requiredString(members: RequestMembers, name: string): string {
  const value = optionalString(members, name);
  if (value === undefined || value === '') throw new MissingRequiredParameterException(name);
  return value;
}

export function optionalBoolean(members: RequestMembers, name: string): boolean | undefined {
  const value = members[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean')
    throw new InvalidParameterException(`The parameter ${name} must be a boolean.`);
  return value;
}

export function optionalInteger(members: RequestMembers, name: string): number | undefined {
  const value = members[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new InvalidParameterException(`The parameter ${name} must be an integer.`);
  }
  return value;
}

export function stringList(members: RequestMembers, name: string): string[] {
  const value = members[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new InvalidParameterException(`The parameter ${name} must be a list of strings.`);
  }
  return value as string[];
}

export function tagList(members: RequestMembers, name: string): Tag[] {
  const value = members[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    throw new InvalidParameterException(`The parameter ${name} must be a list of tags.`);
  return value.map((item: unknown) => {
    const tag = item as { key?: unknown; value?: unknown } | null;
    if (
      !tag ||
      typeof tag.key !== 'string' ||
      (tag.value !== undefined && typeof tag.value !== 'string')
    ) {
      throw new InvalidParameterException(
        `Each entry of ${name} must have a string key and value.`,
      );
    }
    return { key: tag.key, value: typeof tag.value === 'string' ? tag.value : '' };
  });
}

export interface TagFilter {
  tagKey?: string;
  tagValues: string[];
}

export function tagFilterList(members: RequestMembers, name: string): TagFilter[] {
  const value = members[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    throw new InvalidParameterException(`The parameter ${name} must be a list.`);
  return value.map((item: unknown) => {
    const filter = item as { tagKey?: unknown; tagValues?: unknown } | null;
    const tagValues = filter?.tagValues ?? [];
    if (
      !filter ||
      (filter.tagKey !== undefined && typeof filter.tagKey !== 'string') ||
      !Array.isArray(tagValues) ||
      tagValues.some((v) => typeof v !== 'string')
    ) {
      throw new InvalidParameterException(
        `Each entry of ${name} must have a tagKey and a list of tagValues.`,
      );
    }
    return { tagKey: filter.tagKey, tagValues: tagValues as string[] };
  });
}

/** Values of an enum member, checked against the model's allowed values. */
export function optionalEnum<T extends string>(
  members: RequestMembers,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const value = optionalString(members, name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InvalidParameterException(
      `The parameter ${name} must be one of ${allowed.join(', ')}.`,
    );
  }
  return value as T;
}

export function requiredEnum<T extends string>(
  members: RequestMembers,
  name: string,
  allowed: readonly T[],
): T {
  const value = optionalEnum(members, name, allowed);
  if (value === undefined) throw new MissingRequiredParameterException(name);
  return value;
}
