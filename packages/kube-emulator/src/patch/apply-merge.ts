// Merging an applied configuration into the live object (structured-merge-diff's Merge): the
// configuration wins on every leaf, objects merge field by field, set and map lists merge item
// by item, atomic values are replaced. Nulls from the configuration are kept here (they matter
// for conflict detection) and dropped by the caller once ownership is settled.
import type { JsonObject, JsonValue } from '../json.ts';
import { isJsonObject } from '../json.ts';
import type { PathElement } from './field-set.ts';
import { cloneJson } from './json-value.ts';
import { isAtomicMap, itemElements, listShape } from './list-items.ts';
import type { ListShape } from './list-items.ts';
import type { MergeSchema } from './merge-schema.ts';

export function mergeAppliedConfig(
  live: JsonObject,
  config: JsonObject,
  schema: MergeSchema,
): JsonObject {
  return mergeObject(live, config, [], [], schema);
}

function mergeObject(
  live: JsonObject,
  config: JsonObject,
  path: PathElement[],
  schemaPath: string[],
  schema: MergeSchema,
): JsonObject {
  const out: JsonObject = cloneJson(live);
  for (const [key, value] of Object.entries(config)) {
    const current = live[key];
    out[key] =
      current === undefined
        ? cloneJson(value)
        : mergeValue(current, value, [...path, `f:${key}`], [...schemaPath, key], schema);
  }
  return out;
}

function mergeValue(
  live: JsonValue,
  config: JsonValue,
  path: PathElement[],
  schemaPath: string[],
  schema: MergeSchema,
): JsonValue {
  if (isJsonObject(live) && isJsonObject(config) && !isAtomicMap(schema, schemaPath)) {
    return mergeObject(live, config, path, schemaPath, schema);
  }
  if (Array.isArray(live) && Array.isArray(config)) {
    const shape = listShape(schema, schemaPath);
    if (shape.kind !== 'atomic') return mergeList(live, config, shape, path, schemaPath, schema);
  }
  return cloneJson(config);
}

/**
 * Item order follows structured-merge-diff: live items keep their places, configuration items
 * they share are visited in configuration order, and new configuration items are inserted where
 * they appear relative to the shared ones.
 */
function mergeList(
  live: JsonValue[],
  config: JsonValue[],
  shape: Exclude<ListShape, { kind: 'atomic' }>,
  path: PathElement[],
  schemaPath: string[],
  schema: MergeSchema,
): JsonValue[] {
  const lhsPEs = itemElements(live, shape, path, false);
  const rhsPEs = itemElements(config, shape, path, true);
  const observedLHS = new Map<PathElement, JsonValue>();
  lhsPEs.forEach((pe, i) => {
    if (!observedLHS.has(pe)) observedLHS.set(pe, live[i] ?? null);
  });
  const observedRHS = new Map<PathElement, JsonValue>();
  rhsPEs.forEach((pe, i) => observedRHS.set(pe, config[i] ?? null));

  const mergeItem = (pe: PathElement, l: JsonValue | undefined, r: JsonValue): JsonValue => {
    if (l === undefined || shape.kind === 'set' || (shape.kind === 'map' && shape.itemsAtomic)) {
      return cloneJson(r);
    }
    return mergeValue(l, r, [...path, pe], schemaPath, schema);
  };

  const sharedOrder = rhsPEs.filter((pe) => observedLHS.has(pe));
  let nextShared = sharedOrder.shift();
  const mergedRHS = new Set<PathElement>();
  const out: JsonValue[] = [];
  let lI = 0;
  let rI = 0;
  while (lI < lhsPEs.length || rI < rhsPEs.length) {
    if (lI < lhsPEs.length && rI < rhsPEs.length) {
      const pe = lhsPEs[lI] ?? '';
      if (pe === rhsPEs[rI]) {
        mergedRHS.add(pe);
        out.push(mergeItem(pe, observedLHS.get(pe), observedRHS.get(pe) ?? null));
        lI++;
        rI++;
        nextShared = sharedOrder.shift();
        continue;
      }
      if (observedRHS.has(pe) && nextShared !== undefined && nextShared !== pe) {
        // A shared item, but not the one due in this round: it is emitted in config order.
        lI++;
        continue;
      }
    }
    if (lI < lhsPEs.length) {
      const pe = lhsPEs[lI] ?? '';
      if (!observedRHS.has(pe)) {
        out.push(cloneJson(live[lI] ?? null));
        lI++;
        continue;
      } else if (mergedRHS.has(pe)) {
        // Already merged with its configuration item; do not emit it twice.
        lI++;
      }
    }
    if (rI < rhsPEs.length) {
      const pe = rhsPEs[rI] ?? '';
      mergedRHS.add(pe);
      out.push(mergeItem(pe, observedLHS.get(pe), observedRHS.get(pe) ?? null));
      rI++;
      if (nextShared !== undefined && nextShared === pe) nextShared = sharedOrder.shift();
    }
  }
  return out;
}
