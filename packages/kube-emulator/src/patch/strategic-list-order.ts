// The order of merged lists in a strategic merge patch, following apimachinery's
// normalizeElementOrder: `$setElementOrder` (or patch order) wins, live order fills the gaps.
import type { JsonValue } from '../json.ts';
import { isJsonObject } from '../json.ts';
import { PatchError } from './patch-error.ts';

/** Go's %v rendering of decoded JSON, used in messages apimachinery builds with it. */
export function goFormat(value: JsonValue): string {
  if (value === null) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goFormat).join(' ')}]`;
  if (isJsonObject(value)) {
    const keys = Object.keys(value).sort();
    return `map[${keys.map((k) => `${k}:${goFormat(value[k] ?? null)}`).join(' ')}]`;
  }
  return String(value);
}

const identity = (item: JsonValue, mergeKey: string | undefined): JsonValue | undefined =>
  mergeKey === undefined ? item : isJsonObject(item) ? item[mergeKey] : undefined;

function indexIn(list: readonly JsonValue[], item: JsonValue, mergeKey: string | undefined): number {
  const wanted = identity(item, mergeKey) ?? null;
  return list.findIndex((v) => (identity(v, mergeKey) ?? null) === wanted);
}

/** Splits `items` into those present in `by` (by merge key, or by value) and the rest. */
export function partitionByPresence(
  items: readonly JsonValue[],
  by: readonly JsonValue[],
  mergeKey: string | undefined,
): [JsonValue[], JsonValue[]] {
  const present: JsonValue[] = [];
  const absent: JsonValue[] = [];
  for (const item of items) {
    if (mergeKey !== undefined) {
      if (!isJsonObject(item) || !Object.hasOwn(item, mergeKey)) {
        throw new PatchError(
          `map: ${goFormat(item)} does not contain declared merge key: ${mergeKey}`,
          'BadRequest',
        );
      }
    }
    (indexIn(by, item, mergeKey) >= 0 ? present : absent).push(item);
  }
  return [present, absent];
}

/**
 * Go's sort.SliceStable on up to 20 items is an insertion sort; apimachinery's comparator is not
 * a strict order (unknown items compare "less"), so the exact algorithm decides the outcome.
 */
function normalizeSliceOrder(
  toSort: JsonValue[],
  order: readonly JsonValue[],
  mergeKey: string | undefined,
): JsonValue[] {
  const items = [...toSort];
  const toDelete: JsonValue[] = [];
  let sortable = items;
  if (mergeKey !== undefined) {
    sortable = items.filter((v) => !(isJsonObject(v) && (v)['$patch'] === 'delete'));
    toDelete.push(...items.filter((v) => !sortable.includes(v)));
  }
  const less = (a: JsonValue, b: JsonValue): boolean => {
    const ia = indexIn(order, a, mergeKey);
    if (ia < 0) return true;
    const ib = indexIn(order, b, mergeKey);
    if (ib < 0) return true;
    return ia < ib;
  };
  for (let i = 1; i < sortable.length; i++) {
    for (let j = i; j > 0 && less(sortable[j] ?? null, sortable[j - 1] ?? null); j--) {
      const tmp = sortable[j] ?? null;
      sortable[j] = sortable[j - 1] ?? null;
      sortable[j - 1] = tmp;
    }
  }
  return [...sortable, ...toDelete];
}

/**
 * Sorts patch items by `patchOrder` and server-only items by `serverOrder`, then interleaves
 * them, keeping each group's relative order and placing server-only items where the live list
 * had them relative to the patch items.
 */
export function normalizeElementOrder(
  patch: JsonValue[],
  serverOnly: JsonValue[],
  patchOrder: readonly JsonValue[],
  serverOrder: readonly JsonValue[],
  mergeKey: string | undefined,
): JsonValue[] {
  const right = normalizeSliceOrder(patch, patchOrder, mergeKey);
  const left = normalizeSliceOrder(serverOnly, serverOrder, mergeKey);
  const out: JsonValue[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++] ?? null);
    else if (j >= right.length) out.push(left[i++] ?? null);
    else {
      const li = indexIn(serverOrder, left[i] ?? null, mergeKey);
      const ri = indexIn(serverOrder, right[j] ?? null, mergeKey);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++] ?? null);
      else out.push(right[j++] ?? null);
    }
  }
  return out;
}

/** The patch list must follow the order `$setElementOrder` gives (items to delete aside). */
export function validatePatchWithSetOrderList(
  patchList: readonly JsonValue[],
  setOrder: readonly JsonValue[],
  mergeKey: string | undefined,
): void {
  if (setOrder.length === 0 || patchList.length === 0) return;
  const items = patchList.filter((v) => !(isJsonObject(v) && Object.hasOwn(v, '$patch')));
  let p = 0;
  let s = 0;
  while (p < items.length && s < setOrder.length) {
    const a = identity(items[p] ?? null, mergeKey) ?? null;
    const b = identity(setOrder[s] ?? null, mergeKey) ?? null;
    if (a === b) p++;
    s++;
  }
  if (p < items.length) {
    throw new PatchError(
      `The order in patch list:\n${goFormat([...patchList])}\n doesn't match $setElementOrder list:\n${goFormat([...setOrder])}\n`,
      'BadRequest',
    );
  }
}
