// RFC 7386 JSON Merge Patch, as github.com/evanphx/json-patch's MergePatch applies it for the
// apiserver: null deletes, objects merge recursively, everything else (arrays too) replaces.
import type { JsonObject, JsonValue } from '../json.ts';
import { isJsonObject } from '../json.ts';
import { cloneJson, isJsonValue } from './json-value.ts';
import { PatchError } from './patch-error.ts';

/** Nulls inside newly added objects mean nothing (there is nothing to delete), so drop them. */
function pruneNulls(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map((v) => (v === null ? v : pruneNulls(v)));
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    if (v !== null) out[k] = pruneNulls(v);
  }
  return out;
}

function mergeInto(doc: JsonObject, patch: JsonObject): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete doc[key];
      continue;
    }
    const current = doc[key];
    if (isJsonObject(current) && isJsonObject(value)) {
      mergeInto(current, value);
    } else {
      doc[key] = pruneNulls(cloneJson(value));
    }
  }
}

/** RFC 7386 JSON Merge Patch (application/merge-patch+json). Returns a new object. */
export function applyMergePatch(target: JsonObject, patch: unknown): JsonObject {
  // The apiserver answers a merge patch that is not a JSON object with 400 "Invalid JSON Patch".
  if (!isJsonObject(patch) || !isJsonValue(patch)) {
    throw new PatchError('Invalid JSON Patch', 'BadRequest');
  }
  const doc = cloneJson(target);
  mergeInto(doc, patch);
  return doc;
}
