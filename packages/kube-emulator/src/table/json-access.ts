// Small typed readers over plain JSON objects, for the printers.
import { isJsonObject } from '../json.ts';
import type { JsonObject, JsonValue } from '../json.ts';

export function obj(value: JsonValue | undefined): JsonObject {
  return isJsonObject(value) ? value : {};
}

export function arr(value: JsonValue | undefined): JsonValue[] {
  return Array.isArray(value) ? value : [];
}

export function objs(value: JsonValue | undefined): JsonObject[] {
  return arr(value).filter(isJsonObject);
}

export function str(value: JsonValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

export function num(value: JsonValue | undefined): number {
  return typeof value === 'number' ? value : 0;
}

export function at(value: JsonObject, ...path: string[]): JsonValue | undefined {
  let cur: JsonValue | undefined = value;
  for (const key of path) {
    if (!isJsonObject(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

export function metadataOf(o: JsonObject): JsonObject {
  return obj(o.metadata);
}

/** `k=v,k2=v2` sorted by key, `<none>` when empty: labels.FormatLabels. */
export function formatLabels(labels: JsonValue | undefined): string {
  const entries = Object.entries(obj(labels))
    .map(([k, v]) => `${k}=${str(v)}`)
    .sort();
  return entries.length === 0 ? '<none>' : entries.join(',');
}

/** metav1.FormatLabelSelector: matchLabels then matchExpressions, `<none>` when empty. */
export function formatLabelSelector(selector: JsonValue | undefined): string {
  if (!isJsonObject(selector)) return '<none>';
  const parts = Object.entries(obj(selector.matchLabels))
    .map(([k, v]) => `${k}=${str(v)}`)
    .sort();
  for (const e of objs(selector.matchExpressions)) {
    const key = str(e.key);
    const values = arr(e.values).map((v) => str(v));
    switch (str(e.operator)) {
      case 'In':
        parts.push(`${key} in (${values.join(',')})`);
        break;
      case 'NotIn':
        parts.push(`${key} notin (${values.join(',')})`);
        break;
      case 'Exists':
        parts.push(key);
        break;
      case 'DoesNotExist':
        parts.push(`!${key}`);
        break;
    }
  }
  const out = parts.join(',');
  return out === '' ? '<none>' : out;
}

/** `a + N more...` lists, as the printers shorten endpoint lists to three entries. */
export function listWithMore(list: string[], count: number, max: number, empty: string): string {
  const ret = list.join(',');
  if (count > max) return `${ret} + ${count - max} more...`;
  return ret === '' ? empty : ret;
}
