// What changed between two versions of an object, as field paths (structured-merge-diff's
// Compare): a leaf whose value differs is modified; a node present on one side only is added or
// removed together with everything under it. List order alone is no change for set and map lists.
import type { JsonObject, JsonValue } from '../json.ts';
import { isJsonObject } from '../json.ts';
import type { FieldSet, PathElement } from './field-set.ts';
import { emptyFieldSet, insertPath } from './field-set.ts';
import { jsonEqual } from './json-value.ts';
import { isAtomicMap, itemElements, listShape } from './list-items.ts';
import type { MergeSchema } from './merge-schema.ts';

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

export function compareObjects(
  before: JsonObject,
  after: JsonObject,
  schema: MergeSchema,
  strictAfter = false,
): Comparison {
  const result: Comparison = {
    added: emptyFieldSet(),
    modified: emptyFieldSet(),
    removed: emptyFieldSet(),
  };
  compareObject(before, after, [], [], { schema, result, strictAfter });
  return result;
}

interface Walk {
  schema: MergeSchema;
  result: Comparison;
  /** refuse duplicate list keys on the `after` side (it is an applied configuration) */
  strictAfter: boolean;
}

type Side = 'added' | 'removed';

function compareObject(
  before: JsonObject,
  after: JsonObject,
  path: PathElement[],
  schemaPath: string[],
  walk: Walk,
): void {
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    compareValue(before[key], after[key], [...path, `f:${key}`], [...schemaPath, key], walk);
  }
}

type Shape = 'leaf' | 'object' | 'list';

function shapeOf(value: JsonValue, schemaPath: string[], schema: MergeSchema): Shape {
  if (isJsonObject(value)) {
    return isAtomicMap(schema, schemaPath) ? 'leaf' : 'object';
  }
  if (Array.isArray(value)) {
    return listShape(schema, schemaPath).kind === 'atomic' ? 'leaf' : 'list';
  }
  return 'leaf';
}

function compareValue(
  before: JsonValue | undefined,
  after: JsonValue | undefined,
  path: PathElement[],
  schemaPath: string[],
  walk: Walk,
): void {
  if (before === undefined && after === undefined) return;
  if (before === undefined) {
    oneSided(after ?? null, 'added', path, schemaPath, walk);
    return;
  }
  if (after === undefined) {
    oneSided(before, 'removed', path, schemaPath, walk);
    return;
  }
  const shapeBefore = shapeOf(before, schemaPath, walk.schema);
  const shapeAfter = shapeOf(after, schemaPath, walk.schema);
  if (shapeBefore === 'leaf' && shapeAfter === 'leaf') {
    if (!jsonEqual(before, after)) insertPath(walk.result.modified, path);
    return;
  }
  if (shapeBefore !== shapeAfter) {
    // A value that changed kind: the node changed, and whatever hung below it came or went.
    insertPath(walk.result.modified, path);
    if (shapeBefore !== 'leaf') children(before, 'removed', path, schemaPath, walk);
    if (shapeAfter !== 'leaf') children(after, 'added', path, schemaPath, walk);
    return;
  }
  if (shapeBefore === 'object') {
    compareObject(before as JsonObject, after as JsonObject, path, schemaPath, walk);
    return;
  }
  const shape = listShape(walk.schema, schemaPath);
  if (shape.kind === 'atomic') return;
  const beforeList = before as JsonValue[];
  const afterList = after as JsonValue[];
  const beforePEs = itemElements(beforeList, shape, path, false);
  const afterPEs = itemElements(afterList, shape, path, walk.strictAfter);
  const beforeItems = new Map<PathElement, JsonValue>();
  beforePEs.forEach((pe, i) => {
    if (!beforeItems.has(pe)) beforeItems.set(pe, beforeList[i] ?? null);
  });
  const afterItems = new Map<PathElement, JsonValue>();
  afterPEs.forEach((pe, i) => {
    if (!afterItems.has(pe)) afterItems.set(pe, afterList[i] ?? null);
  });
  const itemsAreLeaves = shape.kind === 'set' || shape.itemsAtomic;
  for (const [pe, item] of beforeItems) {
    const other = afterItems.get(pe);
    const itemPath = [...path, pe];
    if (other === undefined) oneSided(item, 'removed', itemPath, schemaPath, walk, itemsAreLeaves);
    else if (itemsAreLeaves) {
      if (!jsonEqual(item, other)) insertPath(walk.result.modified, itemPath);
    } else if (isJsonObject(item) && isJsonObject(other)) {
      compareObject(item, other, itemPath, schemaPath, walk);
    }
  }
  for (const [pe, item] of afterItems) {
    if (!beforeItems.has(pe)) {
      oneSided(item, 'added', [...path, pe], schemaPath, walk, itemsAreLeaves);
    }
  }
}

/** A node on one side only: it and everything under it are added (or removed). */
function oneSided(
  value: JsonValue,
  side: Side,
  path: PathElement[],
  schemaPath: string[],
  walk: Walk,
  leaf = false,
): void {
  insertPath(walk.result[side], path);
  if (!leaf && shapeOf(value, schemaPath, walk.schema) !== 'leaf') {
    children(value, side, path, schemaPath, walk);
  }
}

function children(
  value: JsonValue,
  side: Side,
  path: PathElement[],
  schemaPath: string[],
  walk: Walk,
): void {
  if (isJsonObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      oneSided(child, side, [...path, `f:${key}`], [...schemaPath, key], walk);
    }
    return;
  }
  if (!Array.isArray(value)) return;
  const shape = listShape(walk.schema, schemaPath);
  if (shape.kind === 'atomic') return;
  const pes = itemElements(value, shape, path, side === 'added' && walk.strictAfter);
  const leaf = shape.kind === 'set' || shape.itemsAtomic;
  value.forEach((item, i) => {
    oneSided(item, side, [...path, pes[i] ?? ''], schemaPath, walk, leaf);
  });
}
