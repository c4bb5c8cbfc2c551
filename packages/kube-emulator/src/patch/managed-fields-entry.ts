// metadata.managedFields entries: identity, decoding, ordering, and the fields never tracked.
import type { JsonObject } from '../json.ts';
import { isJsonObject } from '../json.ts';
import type { FieldSet } from './field-set.ts';
import { difference, emptyFieldSet, fromFieldsV1, insertPath } from './field-set.ts';

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: JsonObject;
  subresource?: string;
}

/** An entry with its field set decoded, while ownership is being worked out. */
export interface ManagerFields {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  subresource: string | undefined;
  set: FieldSet;
}

/**
 * Entries are told apart by manager, operation and subresource, and Update entries also by
 * apiVersion (an applier keeps one entry whatever version it applies with).
 */
export function sameManager(
  a: Pick<ManagerFields, 'manager' | 'operation' | 'apiVersion' | 'subresource'>,
  b: Pick<ManagerFields, 'manager' | 'operation' | 'apiVersion' | 'subresource'>,
): boolean {
  return (
    a.manager === b.manager &&
    a.operation === b.operation &&
    (a.subresource ?? '') === (b.subresource ?? '') &&
    (a.operation === 'Apply' || a.apiVersion === b.apiVersion)
  );
}

/** The manager as the apiserver prints it in conflicts. */
export function describeManager(m: ManagerFields): string {
  let out = JSON.stringify(m.manager);
  if (m.operation === 'Update') out += ` using ${m.apiVersion}`;
  if (m.subresource) out += ` with subresource ${JSON.stringify(m.subresource)}`;
  return out;
}

export function decodeManagedFields(value: unknown): ManagerFields[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isJsonObject).map((entry) => ({
    manager: typeof entry['manager'] === 'string' ? entry['manager'] : '',
    operation: entry['operation'] === 'Apply' ? 'Apply' : 'Update',
    apiVersion: typeof entry['apiVersion'] === 'string' ? entry['apiVersion'] : '',
    time: typeof entry['time'] === 'string' ? entry['time'] : '',
    subresource:
      typeof entry['subresource'] === 'string' && entry['subresource'] !== ''
        ? entry['subresource']
        : undefined,
    set: fromFieldsV1(entry['fieldsV1']),
  }));
}

const seconds = (time: string): number => {
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
};
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The apiserver's order: Apply before Update, then oldest first, then by name. */
export function sortManagedFields(entries: ManagedFieldsEntry[]): ManagedFieldsEntry[] {
  return [...entries].sort(
    (p, q) =>
      cmp(p.operation, q.operation) ||
      seconds(p.time) - seconds(q.time) ||
      cmp(p.manager, q.manager) ||
      cmp(p.apiVersion, q.apiVersion) ||
      cmp(p.subresource ?? '', q.subresource ?? ''),
  );
}

/**
 * Fields the server owns or that identify the object; never part of anyone's set
 * (managedfields' stripMeta). Only these exact paths go: `metadata` stops being a member but
 * its labels, annotations… stay.
 */
const SERVER_OWNED = emptyFieldSet();
for (const path of [
  ['f:apiVersion'],
  ['f:kind'],
  ['f:metadata'],
  ...['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion'].map(
    (f) => ['f:metadata', `f:${f}`],
  ),
]) {
  insertPath(SERVER_OWNED, path);
}

export function withoutServerOwnedFields(set: FieldSet): FieldSet {
  return difference(set, SERVER_OWNED);
}

/** The object without metadata.managedFields, which is never itself compared or merged. */
export function withoutManagedFields(obj: JsonObject): JsonObject {
  const copy = structuredClone(obj);
  const metadata = copy['metadata'];
  if (isJsonObject(metadata)) delete metadata['managedFields'];
  return copy;
}
