// GET of one object and LIST with selectors, pagination and resourceVersion semantics.
import type { JsonObject } from '../json.ts';
import { resourceKeyOf } from '../resources/registry.ts';
import { badRequest, expired, notFound } from '../server/api-error.ts';
import { encodeList, encodeObject } from '../server/encode.ts';
import type { ResourceContext } from '../server/request-context.ts';
import { sendJson } from '../server/responses.ts';
import { decodeContinue, encodeContinue } from '../store/continue-token.ts';
import { ObjectFilter } from '../watch/watch-filter.ts';

export function handleGet(ctx: ResourceContext): void {
  const obj = ctx.state.get(ctx.type, ctx.namespace, ctx.name ?? '');
  if (!obj) throw notFound(ctx.type.group, ctx.type.plural, ctx.name ?? '');
  sendJson(ctx.res, 200, encodeObject(ctx, obj));
}

function parseLimit(value: string | null): number {
  if (value === null || value === '') return 0;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw badRequest(`invalid limit: ${value}`);
  return n;
}

const CONTINUE_EXPIRED =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

export function listObjects(ctx: ResourceContext): { items: JsonObject[]; listMeta: JsonObject } {
  const store = ctx.state.store;
  const filter = new ObjectFilter(ctx.type, ctx.namespace, ctx.query.get('labelSelector'), ctx.query.get('fieldSelector'));
  const limit = parseLimit(ctx.query.get('limit'));
  const cont = ctx.query.get('continue');
  const rvParam = ctx.query.get('resourceVersion');
  const rvMatch = ctx.query.get('resourceVersionMatch');
  if (rvMatch && rvMatch !== 'NotOlderThan' && rvMatch !== 'Exact') {
    throw badRequest(`resourceVersionMatch: Unsupported value: "${rvMatch}": supported values: "Exact", "NotOlderThan"`);
  }
  if (rvMatch && !rvParam) {
    throw badRequest('resourceVersionMatch is forbidden unless resourceVersion is provided');
  }
  if (cont && rvParam) throw badRequest('specifying resource version is not allowed when using continue');
  let listRv = store.resourceVersion;
  let start: string | undefined;
  if (cont) {
    const token = decodeContinue(cont);
    if (token.rv < store.history.compactedRevision) {
      throw expired(CONTINUE_EXPIRED);
    }
    listRv = token.rv;
    start = token.start;
  } else if (rvParam && rvParam !== '0') {
    const rv = Number(rvParam);
    if (!Number.isInteger(rv) || rv < 0) throw badRequest(`invalid resource version: ${rvParam}`);
    if (rvMatch === 'Exact' && rv !== store.resourceVersion && rv < store.history.compactedRevision) {
      throw expired(`too old resource version: ${rv} (${store.history.compactedRevision})`);
    }
  }
  const items: JsonObject[] = [];
  let next: string | undefined;
  let remaining = 0;
  const entries = store.entries(resourceKeyOf(ctx.type), ctx.type.namespaced ? ctx.namespace || undefined : undefined);
  for (const [key, obj] of entries) {
    if (start !== undefined && key <= start) continue;
    if (!filter.matches(obj)) continue;
    if (limit > 0 && items.length >= limit) {
      remaining++;
      continue;
    }
    items.push(obj);
    if (limit > 0 && items.length === limit) next = key;
  }
  const listMeta: JsonObject = { resourceVersion: String(listRv) };
  if (remaining > 0 && next !== undefined) {
    listMeta.continue = encodeContinue(listRv, next);
    // the real server only counts when no selector needs evaluating
    if (!filter.selective) listMeta.remainingItemCount = remaining;
  }
  return { items, listMeta };
}

export function handleList(ctx: ResourceContext): void {
  const { items, listMeta } = listObjects(ctx);
  sendJson(ctx.res, 200, encodeList(ctx, items, listMeta));
}
