// RFC 6902 JSON Patch with the exact quirks of github.com/evanphx/json-patch (v4), which the
// Kubernetes apiserver uses: `replace` of a missing object key adds it, negative array indices
// count from the end, and a missing key tests equal to `null`.
import type { JsonObject, JsonValue } from '../json.ts';
import { isJsonObject } from '../json.ts';
import { cloneJson, isJsonValue, jsonEqual } from './json-value.ts';
import { PatchError } from './patch-error.ts';

/** What the apiserver answers (422) for any operation that fails; details stay in `detail`. */
export const JSON_PATCH_REJECTED_MESSAGE =
  'the server rejected our request due to an error in our request';

type Container = JsonObject | JsonValue[];

/** An operation failed while being applied (the apiserver's 422 case). */
class OperationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OperationError';
  }
}

const missing = (text: string): OperationError => new OperationError(`${text}: missing value`);
const invalidIndex = (idx: number): OperationError =>
  new OperationError(`Unable to access invalid index: ${idx}: invalid index referenced`);

function decodeKey(key: string): string {
  return key.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** Go's strconv.Atoi accepts an optional sign and leading zeros. */
function parseIndex(key: string): number | undefined {
  return /^[+-]?\d+$/.test(key) ? Number.parseInt(key, 10) : undefined;
}

/** The container holding the last token of `path`, and that token; undefined when unreachable. */
function findContainer(doc: Container, path: string): { con: Container; key: string } | undefined {
  const split = path.split('/');
  if (split.length < 2) return undefined;
  let cur: Container = doc;
  for (const raw of split.slice(1, -1)) {
    const next = get(cur, decodeKey(raw));
    if (next === undefined || next === null || typeof next !== 'object') return undefined;
    cur = next;
  }
  return { con: cur, key: decodeKey(split[split.length - 1] ?? '') };
}

/** Reads a child; for arrays a bad index is an error, for objects a missing key is undefined. */
function get(con: Container, key: string): JsonValue | undefined {
  if (!Array.isArray(con)) return Object.hasOwn(con, key) ? con[key] : undefined;
  const idx = resolveIndex(con.length, key, con.length - 1);
  return idx === undefined ? undefined : con[idx];
}

function getStrict(con: Container, key: string): JsonValue | undefined {
  if (!Array.isArray(con)) return Object.hasOwn(con, key) ? con[key] : undefined;
  const idx = parseIndex(key);
  if (idx === undefined) throw new OperationError(`strconv.Atoi: parsing "${key}": invalid syntax`);
  const resolved = resolveIndex(con.length, key, con.length - 1);
  if (resolved === undefined) throw invalidIndex(idx);
  return con[resolved];
}

/** An index in [0, max] after resolving negatives against `size`, or undefined. */
function resolveIndex(size: number, key: string, max: number): number | undefined {
  const idx = parseIndex(key);
  if (idx === undefined) return undefined;
  const resolved = idx < 0 ? idx + size : idx;
  return resolved < 0 || resolved > max ? undefined : resolved;
}

function add(con: Container, key: string, value: JsonValue): void {
  if (!Array.isArray(con)) {
    con[key] = value;
    return;
  }
  if (key === '-') {
    con.push(value);
    return;
  }
  const idx = parseIndex(key);
  if (idx === undefined) {
    throw new OperationError(
      `value was not a proper array index: '${key}': strconv.Atoi: parsing "${key}": invalid syntax`,
    );
  }
  const resolved = resolveIndex(con.length + 1, key, con.length);
  if (resolved === undefined) throw invalidIndex(idx);
  con.splice(resolved, 0, value);
}

function remove(con: Container, key: string): void {
  if (!Array.isArray(con)) {
    if (!Object.hasOwn(con, key)) throw missing(`Unable to remove nonexistent key: ${key}`);
    delete con[key];
    return;
  }
  const idx = parseIndex(key);
  if (idx === undefined) throw new OperationError(`strconv.Atoi: parsing "${key}": invalid syntax`);
  const resolved = resolveIndex(con.length, key, con.length - 1);
  if (resolved === undefined) throw invalidIndex(idx);
  con.splice(resolved, 1);
}

interface Operation {
  op: string;
  path: string | undefined;
  from: string | undefined;
  value: JsonValue;
}

function decodeOperations(patch: unknown): Operation[] {
  if (!Array.isArray(patch) || !patch.every((op) => isJsonObject(op) && isJsonValue(op))) {
    throw new PatchError(
      'json: cannot unmarshal patch into Go value of type jsonpatch.Patch',
      'BadRequest',
    );
  }
  return (patch).map((op) => ({
    op: typeof op['op'] === 'string' ? op['op'] : 'unknown',
    path: typeof op['path'] === 'string' ? op['path'] : undefined,
    from: typeof op['from'] === 'string' ? op['from'] : undefined,
    value: op['value'] ?? null,
  }));
}

function requirePath(op: Operation, field: 'path' | 'from'): string {
  const value = op[field];
  if (value === undefined) {
    throw missing(field === 'path' ? 'operation missing path field' : 'operation, missing from field');
  }
  return value;
}

function applyOperation(root: { doc: Container }, op: Operation): void {
  switch (op.op) {
    case 'add': {
      const path = requirePath(op, 'path');
      const found = findContainer(root.doc, path);
      if (!found) throw missing(`add operation does not apply: doc is missing path: "${path}"`);
      wrap(`error in add for path: '${path}'`, () => add(found.con, found.key, cloneJson(op.value)));
      return;
    }
    case 'remove': {
      const path = requirePath(op, 'path');
      const found = findContainer(root.doc, path);
      if (!found) throw missing(`remove operation does not apply: doc is missing path: "${path}"`);
      wrap(`error in remove for path: '${path}'`, () => remove(found.con, found.key));
      return;
    }
    case 'replace': {
      const path = requirePath(op, 'path');
      if (path === '') {
        if (op.value === null || typeof op.value !== 'object') {
          throw new OperationError('replace operation value must be object or array');
        }
        root.doc = cloneJson(op.value);
        return;
      }
      const found = findContainer(root.doc, path);
      if (!found) throw missing(`replace operation does not apply: doc is missing path: ${path}`);
      if (Array.isArray(found.con)) {
        const idx = resolveIndex(found.con.length, found.key, found.con.length - 1);
        if (idx === undefined) {
          throw missing(`replace operation does not apply: doc is missing key: ${path}`);
        }
        found.con[idx] = cloneJson(op.value);
      } else {
        found.con[found.key] = cloneJson(op.value);
      }
      return;
    }
    case 'move': {
      const from = requirePath(op, 'from');
      const source = findContainer(root.doc, from);
      if (!source) throw missing(`move operation does not apply: doc is missing from path: ${from}`);
      const value = wrap(`error in move for path: '${source.key}'`, () => {
        const v = getStrict(source.con, source.key);
        remove(source.con, source.key);
        return v ?? null;
      });
      const path = requirePath(op, 'path');
      const target = findContainer(root.doc, path);
      if (!target) {
        throw missing(`move operation does not apply: doc is missing destination path: ${path}`);
      }
      wrap(`error in move for path: '${path}'`, () => add(target.con, target.key, value));
      return;
    }
    case 'copy': {
      const from = requirePath(op, 'from');
      const source = findContainer(root.doc, from);
      if (!source) throw missing(`copy operation does not apply: doc is missing from path: ${from}`);
      const value = wrap(`error in copy for from: '${from}'`, () => getStrict(source.con, source.key));
      const path = requirePath(op, 'path');
      const target = findContainer(root.doc, path);
      if (!target) {
        throw missing(`copy operation does not apply: doc is missing destination path: ${path}`);
      }
      wrap('error while adding value during copy', () =>
        add(target.con, target.key, cloneJson(value ?? null)),
      );
      return;
    }
    case 'test': {
      const path = requirePath(op, 'path');
      const failed = new OperationError(`testing value ${path} failed: test failed`);
      if (path === '') {
        if (!jsonEqual(root.doc, op.value)) throw failed;
        return;
      }
      const found = findContainer(root.doc, path);
      if (!found) throw missing(`test operation does not apply: is missing path: ${path}`);
      const actual = wrap(`error in test for path: '${path}'`, () => getStrict(found.con, found.key));
      // evanphx treats an absent key and JSON null alike on both sides.
      if (!jsonEqual(actual ?? null, op.value)) throw failed;
      return;
    }
    default:
      throw new OperationError(`Unexpected kind: ${op.op}`);
  }
}

function wrap<T>(prefix: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof OperationError) throw new OperationError(`${prefix}: ${err.message}`);
    throw err;
  }
}

/** RFC 6902 JSON Patch (application/json-patch+json), including `test`. Returns a new object. */
export function applyJsonPatch(target: JsonObject, patch: unknown): JsonObject {
  const operations = decodeOperations(patch);
  const root: { doc: Container } = { doc: cloneJson(target) };
  for (const op of operations) {
    try {
      applyOperation(root, op);
    } catch (err) {
      if (err instanceof OperationError) {
        throw new PatchError(JSON_PATCH_REJECTED_MESSAGE, 'Invalid', err.message);
      }
      throw err;
    }
  }
  if (!isJsonObject(root.doc)) {
    throw new PatchError(
      JSON_PATCH_REJECTED_MESSAGE,
      'Invalid',
      'the patched document is not a JSON object',
    );
  }
  return root.doc;
}
