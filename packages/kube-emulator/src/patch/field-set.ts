// Sets of field paths as server-side apply tracks ownership (structured-merge-diff's
// fieldpath.Set), and their FieldsV1 encoding in metadata.managedFields.
//
// A path is a list of elements written as FieldsV1 writes them: `f:<field>`,
// `k:<JSON of the key fields>` for an item of a map list, `v:<JSON value>` for an item of a set
// list, `i:<index>` for a positional item. A node is a *member* when the path ending there is
// in the set; FieldsV1 writes a member that also has children as a `.` child.
import type { JsonObject, JsonValue } from '../json.ts';
import { isJsonObject } from '../json.ts';

export type PathElement = string;
export type FieldPath = readonly PathElement[];

export interface FieldSet {
  member: boolean;
  children: Map<PathElement, FieldSet>;
}

export function emptyFieldSet(): FieldSet {
  return { member: false, children: new Map() };
}

export function insertPath(set: FieldSet, path: FieldPath): void {
  let node = set;
  for (const pe of path) {
    let child = node.children.get(pe);
    if (!child) {
      child = emptyFieldSet();
      node.children.set(pe, child);
    }
    node = child;
  }
  node.member = true;
}

export function hasPath(set: FieldSet, path: FieldPath): boolean {
  let node: FieldSet | undefined = set;
  for (const pe of path) {
    node = node.children.get(pe);
    if (!node) return false;
  }
  return node.member;
}

/** Every member path, depth first, children in FieldsV1 order. */
export function memberPaths(set: FieldSet): PathElement[][] {
  const out: PathElement[][] = [];
  const walk = (node: FieldSet, path: PathElement[]): void => {
    if (node.member) out.push(path);
    for (const pe of sortedElements(node)) walk(node.children.get(pe) ?? emptyFieldSet(), [...path, pe]);
  };
  walk(set, []);
  return out;
}

export function isEmptyFieldSet(set: FieldSet): boolean {
  if (set.member) return false;
  for (const child of set.children.values()) if (!isEmptyFieldSet(child)) return false;
  return true;
}

export function cloneFieldSet(set: FieldSet): FieldSet {
  return {
    member: set.member,
    children: new Map([...set.children].map(([pe, c]) => [pe, cloneFieldSet(c)])),
  };
}

export function union(...sets: FieldSet[]): FieldSet {
  const out = emptyFieldSet();
  const add = (target: FieldSet, source: FieldSet): void => {
    target.member ||= source.member;
    for (const [pe, child] of source.children) {
      let t = target.children.get(pe);
      if (!t) {
        t = emptyFieldSet();
        target.children.set(pe, t);
      }
      add(t, child);
    }
  };
  for (const s of sets) add(out, s);
  return out;
}

/** Paths of `a` that are not exactly paths of `b` (children of a removed path stay). */
export function difference(a: FieldSet, b: FieldSet): FieldSet {
  return prune({
    member: a.member && !b.member,
    children: new Map(
      [...a.children].map(([pe, child]) => {
        const other = b.children.get(pe);
        return [pe, other ? difference(child, other) : cloneFieldSet(child)];
      }),
    ),
  });
}

export function intersection(a: FieldSet, b: FieldSet): FieldSet {
  const children = new Map<PathElement, FieldSet>();
  for (const [pe, child] of a.children) {
    const other = b.children.get(pe);
    if (other) children.set(pe, intersection(child, other));
  }
  return prune({ member: a.member && b.member, children });
}

function prune(set: FieldSet): FieldSet {
  for (const [pe, child] of set.children) if (isEmptyFieldSet(child)) set.children.delete(pe);
  return set;
}

const elementRank = (pe: PathElement): number =>
  pe.startsWith('f:') ? 0 : pe.startsWith('k:') ? 1 : pe.startsWith('v:') ? 2 : 3;

/** structured-merge-diff orders field names, then keys, values and indices, each sorted. */
function sortedElements(set: FieldSet): PathElement[] {
  return [...set.children.keys()].sort((a, b) => {
    const r = elementRank(a) - elementRank(b);
    return r !== 0 ? r : a < b ? -1 : a > b ? 1 : 0;
  });
}

export function toFieldsV1(set: FieldSet): JsonObject {
  const out: JsonObject = {};
  if (set.member && set.children.size > 0) out['.'] = {};
  for (const pe of sortedElements(set)) {
    const child = set.children.get(pe);
    if (child && !isEmptyFieldSet(child)) out[pe] = toFieldsV1(child);
  }
  return out;
}

/** Reads FieldsV1; unknown shapes are skipped rather than failing the write that carries them. */
export function fromFieldsV1(fields: JsonValue | undefined): FieldSet {
  const set = emptyFieldSet();
  if (!isJsonObject(fields)) return set;
  for (const [pe, value] of Object.entries(fields)) {
    if (pe === '.') {
      set.member = true;
      continue;
    }
    const child = fromFieldsV1(value);
    if (isJsonObject(value) && Object.keys(value).length === 0) child.member = true;
    set.children.set(pe, child);
  }
  return set;
}

/** A scalar as structured-merge-diff's value.ToString prints it: strings quoted. */
function valueToString(value: JsonValue): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A path in the notation kubectl shows in conflicts: `.spec.containers[name="nginx"].image`. */
export function pathToString(path: FieldPath): string {
  return path
    .map((pe) => {
      const body = pe.slice(2);
      if (pe.startsWith('f:')) return `.${body}`;
      if (pe.startsWith('i:')) return `[${body}]`;
      const parsed = JSON.parse(body) as JsonValue;
      if (pe.startsWith('v:')) return `[=${valueToString(parsed)}]`;
      const fields = isJsonObject(parsed) ? Object.entries(parsed) : [];
      return `[${fields.map(([k, v]) => `${k}=${valueToString(v)}`).join(',')}]`;
    })
    .join('');
}
