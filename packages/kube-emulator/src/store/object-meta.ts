// Typed reads of metadata from plain JSON objects.
import type { JsonObject, JsonValue } from '../json.ts';
import { isJsonObject } from '../json.ts';

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: OwnerReference[];
  managedFields?: JsonValue[];
}

/** The object's metadata; an empty object when missing (never mutate the result). */
export function metadataOf(obj: JsonObject): ObjectMeta {
  const meta = obj.metadata;
  return isJsonObject(meta) ? (meta) : {};
}

export function deepClone<T extends JsonValue>(value: T): T {
  return structuredClone(value);
}

/** Value at a dotted path such as `.spec.replicas` (leading dot optional). */
export function getPath(obj: JsonObject, path: string): JsonValue | undefined {
  let cur: JsonValue | undefined = obj;
  for (const part of path.replace(/^\./, '').split('.')) {
    if (!part) continue;
    if (!isJsonObject(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

/** Set a dotted path on a (caller-owned) object, creating objects on the way. */
export function setPath(obj: JsonObject, path: string, value: JsonValue): void {
  const parts = path.replace(/^\./, '').split('.').filter(Boolean);
  let cur: JsonObject = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i];
    const next = cur[part];
    if (!isJsonObject(next)) {
      const created: JsonObject = {};
      cur[part] = created;
      cur = created;
    } else {
      cur = next;
    }
  }
  const last = parts[parts.length - 1];
  if (last) cur[last] = value;
}
