// How server-side apply identifies list items and decides what is atomic, from a MergeSchema.
import type { JsonObject, JsonValue } from '../json.ts';
import { isJsonObject } from '../json.ts';
import type { PathElement } from './field-set.ts';
import { pathToString } from './field-set.ts';
import type { MergeSchema } from './merge-schema.ts';

/** The object does not fit the merge schema (an item without its key, a duplicate key…). */
export class SchemaMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaMismatchError';
  }
}

export type ListShape =
  | { kind: 'atomic' }
  | { kind: 'set' }
  | {
      kind: 'map';
      keys: string[];
      keyDefaults: Record<string, JsonValue>;
      itemsAtomic: boolean;
    };

export function listShape(schema: MergeSchema, schemaPath: readonly string[]): ListShape {
  const info = schema.listAt(schemaPath);
  if (info?.listType === 'set') return { kind: 'set' };
  if (info?.listType === 'map' && info.keys && info.keys.length > 0) {
    return {
      kind: 'map',
      keys: info.keys,
      keyDefaults: info.keyDefaults ?? {},
      itemsAtomic: info.itemsAtomic ?? false,
    };
  }
  return { kind: 'atomic' };
}

/** An object at this path is replaced as a whole (map-type atomic, `+structType=atomic`). */
export function isAtomicMap(schema: MergeSchema, schemaPath: readonly string[]): boolean {
  return schema.listAt(schemaPath)?.listType === 'atomic';
}

/** The path element naming `item` in a set or map list. */
export function itemElement(
  item: JsonValue,
  shape: Exclude<ListShape, { kind: 'atomic' }>,
  index: number,
  where: readonly PathElement[],
): PathElement {
  if (shape.kind === 'set') {
    if (item !== null && typeof item === 'object') {
      throw new SchemaMismatchError(
        `${pathToString(where)}: element ${index}: set lists may only hold scalars`,
      );
    }
    return `v:${JSON.stringify(item)}`;
  }
  if (!isJsonObject(item)) {
    throw new SchemaMismatchError(
      `${pathToString(where)}: element ${index}: associative list with keys has an element that is not a map`,
    );
  }
  // A key field that is absent and has no default is simply left out of the key: the item is
  // then a different entry from one that sets it. Only an item with no key field at all fails.
  const key: JsonObject = {};
  for (const name of [...shape.keys].sort()) {
    const value = item[name] ?? shape.keyDefaults[name];
    if (value !== undefined) key[name] = value;
  }
  if (Object.keys(key).length === 0) {
    throw new SchemaMismatchError(
      `${pathToString(where)}: element ${index}: associative list with keys has an element that omits all key fields [${shape.keys.map((k) => JSON.stringify(k)).join(' ')}] (and doesn't have default values for any key fields)`,
    );
  }
  return `k:${JSON.stringify(key)}`;
}

/** Item path elements of a list, refusing duplicates when `strict` (applied configurations). */
export function itemElements(
  list: readonly JsonValue[],
  shape: Exclude<ListShape, { kind: 'atomic' }>,
  where: readonly PathElement[],
  strict: boolean,
): PathElement[] {
  const seen = new Set<PathElement>();
  return list.map((item, i) => {
    const pe = itemElement(item, shape, i, where);
    if (strict && seen.has(pe)) {
      throw new SchemaMismatchError(
        `${pathToString(where)}: duplicate entries for key ${pathToString([pe])}`,
      );
    }
    seen.add(pe);
    return pe;
  });
}
