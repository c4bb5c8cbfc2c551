// Strategic merge patch as the apiserver applies it (apimachinery's strategicpatch with
// MergeParallelList and IgnoreUnmatchedNulls). List order follows its rules exactly:
// `$setElementOrder` first, then patch order, then the live order.
import type { JsonObject, JsonValue } from '../json.ts';
import { isJsonObject } from '../json.ts';
import type { MergeSchema } from './merge-schema.ts';
import { cloneJson, isJsonValue } from './json-value.ts';
import { PatchError } from './patch-error.ts';
import { strategicListStrategy } from './strategic-list-strategy.ts';
import {
  goFormat,
  normalizeElementOrder,
  partitionByPresence,
  validatePatchWithSetOrderList,
} from './strategic-list-order.ts';

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const SET_ELEMENT_ORDER = '$setElementOrder/';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList/';

/** Errors the apiserver answers with 400; anything else it would answer with 500. */
const badRequest = (message: string): PatchError => new PatchError(message, 'BadRequest');
const invalid = (message: string): PatchError => new PatchError(message, 'Invalid');

/**
 * Strategic merge patch (application/strategic-merge-patch+json) as kubectl sends it for built-in
 * kinds: merge lists by key, `$patch: delete|replace`, `$retainKeys`,
 * `$setElementOrder/<field>`, `$deleteFromPrimitiveList/<field>`. Returns a new object.
 */
export function applyStrategicMergePatch(
  target: JsonObject,
  patch: unknown,
  schema: MergeSchema,
): JsonObject {
  if (!isJsonObject(patch) || !isJsonValue(patch)) {
    throw badRequest('json: cannot unmarshal patch into Go value of type map[string]interface {}');
  }
  return mergeMap(cloneJson(target), cloneJson(patch), [], schema);
}

type Kind = 'map' | 'list' | 'scalar';
const kindOf = (v: JsonValue): Kind =>
  Array.isArray(v) ? 'list' : isJsonObject(v) ? 'map' : 'scalar';

function mergeMap(
  original: JsonObject | null,
  patch: JsonObject,
  path: readonly string[],
  schema: MergeSchema,
): JsonObject {
  if (Object.hasOwn(patch, DIRECTIVE)) {
    const directive = patch[DIRECTIVE];
    if (directive === 'replace') {
      delete patch[DIRECTIVE];
      return stripDirectives(patch);
    }
    if (directive === 'delete') return {};
    throw badRequest(`unknown patch type: ${goFormat(directive ?? null)} in map: ${goFormat(patch)}`);
  }
  const out = original ?? {};
  applyRetainKeys(out, patch);
  mergeSetElementOrderLists(out, patch, path, schema);

  for (const [rawKey, patchV] of Object.entries(patch)) {
    let key = rawKey;
    const isDeleteList = rawKey.startsWith(DELETE_FROM_PRIMITIVE_LIST);
    if (isDeleteList) key = rawKey.slice(DELETE_FROM_PRIMITIVE_LIST.length);

    if (patchV === null) {
      delete out[key];
      continue;
    }
    const current = out[key];
    if (current === undefined || current === null || kindOf(current) !== kindOf(patchV)) {
      if (!isDeleteList) setCleaned(out, key, patchV);
      continue;
    }
    const childPath = [...path, key];
    if (isJsonObject(current) && isJsonObject(patchV)) {
      out[key] = mergeMap(current, patchV, childPath, schema);
    } else if (Array.isArray(current) && Array.isArray(patchV)) {
      const strategy = strategicListStrategy(schema.listAt(childPath));
      out[key] =
        strategy.merge || isDeleteList
          ? mergeSlice(current, patchV, childPath, schema, strategy.mergeKey, isDeleteList)
          : stripDirectives(patchV);
    } else {
      out[key] = patchV;
    }
  }
  return out;
}

/** A value new to the object keeps neither nulls (nothing to delete) nor directives. */
function setCleaned(out: JsonObject, key: string, value: JsonValue): void {
  const cleaned = removeDirectives(discardNulls(value));
  if (cleaned === undefined) delete out[key];
  else out[key] = cleaned;
}

function discardNulls(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(discardNulls);
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = discardNulls(v);
  return out;
}

/** Drops maps carrying `$patch` (list items to delete, say); undefined when `value` is one. */
function removeDirectives(value: JsonValue): JsonValue | undefined {
  if (Array.isArray(value)) {
    return value.map(removeDirectives).filter((v): v is JsonValue => v !== undefined);
  }
  if (!isJsonObject(value)) return value;
  if (Object.hasOwn(value, DIRECTIVE)) return undefined;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    const kept = removeDirectives(v);
    if (kept !== undefined) out[k] = kept;
  }
  return out;
}

/** Directive keys never reach the stored object (Go's decoder would drop them as unknown). */
function stripDirectives<T extends JsonValue>(value: T): T {
  if (Array.isArray(value)) {
    return value
      .filter((v) => !(isJsonObject(v) && Object.hasOwn(v, DIRECTIVE)))
      .map(stripDirectives) as T;
  }
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) if (!k.startsWith('$')) out[k] = stripDirectives(v);
  return out as T;
}

function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  if (!Object.hasOwn(patch, RETAIN_KEYS)) return;
  const retain = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(retain)) throw badRequest('invalid patch format of retainKeys');
  const keep = new Set(retain.filter((k): k is string => typeof k === 'string'));
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) {
      continue;
    }
    // apimachinery answers this with ErrBadPatchFormatForRetainKeys, hence 400.
    if (!keep.has(k)) throw badRequest('invalid patch format of retainKeys');
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

/** Handles `$setElementOrder/<list>` with its list, then removes both from the patch. */
function mergeSetElementOrderLists(
  original: JsonObject,
  patch: JsonObject,
  path: readonly string[],
  schema: MergeSchema,
): void {
  for (const [directiveKey, order] of Object.entries(patch)) {
    if (!directiveKey.startsWith(SET_ELEMENT_ORDER)) continue;
    delete patch[directiveKey];
    if (!Array.isArray(order)) throw badRequest('invalid patch format of setElementOrder list');
    const key = directiveKey.slice(SET_ELEMENT_ORDER.length);
    const childPath = [...path, key];
    const strategy = strategicListStrategy(schema.listAt(childPath));
    const originalList = original[key];
    const patchList = patch[key];
    if (originalList !== undefined && !Array.isArray(originalList)) {
      throw badRequest(`expected a []interface {}, but received a ${goType(originalList)}`);
    }
    if (patchList !== undefined && !Array.isArray(patchList)) {
      throw badRequest(`expected a []interface {}, but received a ${goType(patchList)}`);
    }
    validatePatchWithSetOrderList(patchList ?? [], order, strategy.mergeKey);

    let merged: JsonValue[];
    if (originalList !== undefined && patchList === undefined) merged = originalList;
    else if (originalList === undefined && patchList !== undefined) {
      merged = (removeDirectives(patchList) as JsonValue[] | undefined) ?? [];
    } else if (originalList !== undefined && patchList !== undefined) {
      merged = strategy.merge
        ? mergeSlice(originalList, patchList, childPath, schema, strategy.mergeKey, false)
        : stripDirectives(patchList);
    } else continue;

    const [patchItems, serverOnly] = partitionByPresence(merged, order, strategy.mergeKey);
    original[key] = normalizeElementOrder(
      patchItems,
      serverOnly,
      order,
      originalList ?? [],
      strategy.mergeKey,
    );
    delete patch[key];
  }
}

function goType(v: JsonValue): string {
  if (Array.isArray(v)) return '[]interface {}';
  if (isJsonObject(v)) return 'map[string]interface {}';
  return typeof v === 'number' ? 'float64' : typeof v === 'boolean' ? 'bool' : 'string';
}

/** Elements of a merged list must share one kind; lists of lists are refused (422). */
function elementKind(...lists: JsonValue[][]): Kind | undefined {
  let kind: Kind | undefined;
  let type: string | undefined;
  for (const list of lists) {
    for (const item of list) {
      const k = kindOf(item);
      const t = item === null ? 'null' : Array.isArray(item) ? 'list' : typeof item;
      if (kind === undefined) {
        if (k === 'list') throw invalid('lists of lists are not supported');
        kind = k;
        type = t;
      } else if (t !== type) {
        throw badRequest(`list element types are not identical: ${goFormat(lists)}`);
      }
    }
  }
  return kind;
}

function mergeSlice(
  original: JsonValue[],
  patch: JsonValue[],
  path: readonly string[],
  schema: MergeSchema,
  mergeKey: string | undefined,
  isDeleteList: boolean,
): JsonValue[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = elementKind(original, patch);
  let merged: JsonValue[];
  let base = original;
  let patchItems = patch;
  if (kind !== 'map') {
    if (isDeleteList) return original.filter((v) => !patch.some((p) => p === v));
    merged = deduplicateScalars([...original, ...patch]);
  } else {
    if (!mergeKey) {
      throw badRequest(`cannot merge lists without merge key for ${path[path.length - 1] ?? ''}`);
    }
    [base, patchItems] = mergeSpecialElements(original, patch, mergeKey);
    merged = mergeWithoutSpecialElements(base, patchItems, mergeKey, path, schema);
  }
  const [inPatch, serverOnly] = partitionByPresence(merged, patchItems, mergeKey);
  return normalizeElementOrder(inPatch, serverOnly, patchItems, base, mergeKey);
}

/** apimachinery's in-place deduplication: a duplicate is replaced by the last element. */
function deduplicateScalars(s: JsonValue[]): JsonValue[] {
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (s[i] === s[j]) {
        s[j] = s[length] ?? null;
        s.length = length;
        length--;
        j--;
      }
    }
  }
  return s;
}

/** Applies `$patch: delete|replace` items; returns the remaining original and patch items. */
function mergeSpecialElements(
  original: JsonValue[],
  patch: JsonValue[],
  mergeKey: string,
): [JsonValue[], JsonValue[]] {
  const plain: JsonValue[] = [];
  let replace = false;
  let remaining = original;
  for (const item of patch) {
    const map = item as JsonObject;
    if (!Object.hasOwn(map, DIRECTIVE)) {
      plain.push(item);
      continue;
    }
    const directive = map[DIRECTIVE];
    if (directive === 'delete') {
      if (!Object.hasOwn(map, mergeKey)) throw noMergeKey(map, mergeKey);
      remaining = remaining.filter(
        (o) => !(isJsonObject(o) && scalarEqual(o[mergeKey], map[mergeKey])),
      );
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      throw badRequest('merging lists cannot yet be specified in the patch');
    } else {
      throw badRequest(`unknown patch type: ${goFormat(directive ?? null)} in map: ${goFormat(map)}`);
    }
  }
  return replace ? [plain.map(stripDirectives), []] : [remaining, plain];
}

function mergeWithoutSpecialElements(
  original: JsonValue[],
  patch: JsonValue[],
  mergeKey: string,
  path: readonly string[],
  schema: MergeSchema,
): JsonValue[] {
  const out = [...original];
  for (const item of patch) {
    const map = item as JsonObject;
    if (!Object.hasOwn(map, mergeKey)) throw noMergeKey(map, mergeKey);
    const idx = out.findIndex((o) => isJsonObject(o) && scalarEqual(o[mergeKey], map[mergeKey]));
    const existing = idx >= 0 ? out[idx] : undefined;
    if (idx >= 0 && isJsonObject(existing)) {
      out[idx] = mergeMap(existing, map, path, schema);
    } else {
      out.push((removeDirectives(discardNulls(map)) as JsonObject | undefined) ?? {});
    }
  }
  return out;
}

function noMergeKey(map: JsonObject, key: string): PatchError {
  return badRequest(`map: ${goFormat(map)} does not contain declared merge key: ${key}`);
}

/** Go's interface{} equality as apimachinery uses it on merge keys: scalars only. */
export function scalarEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  return (a ?? null) === (b ?? null);
}
