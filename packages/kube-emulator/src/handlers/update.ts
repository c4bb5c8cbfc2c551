// PUT: replace an object, or its status subresource, with optimistic concurrency.
import type { JsonObject } from '../json.ts';
import { prepareUpdate } from '../cluster/object-prep.ts';
import { notFound } from '../server/api-error.ts';
import { encodeObject } from '../server/encode.ts';
import type { ResourceContext } from '../server/request-context.ts';
import { sendJson } from '../server/responses.ts';
import { isDryRunRequest, isNoOp, writeOptions } from './write-support.ts';

/** Replace `live` with `next` (request version); returns what is stored afterwards. */
export function replaceObject(ctx: ResourceContext, live: JsonObject, next: JsonObject, applied = false): JsonObject {
  const opts = { ...writeOptions(ctx), ...(applied ? { applied: true } : {}) };
  const prepared = prepareUpdate(ctx.state, ctx.type, live, next, opts);
  if (isNoOp(live, prepared)) return live;
  if (isDryRunRequest(ctx)) return prepared;
  return ctx.state.replace(ctx.state.storageTypeOf(ctx.type), live, prepared);
}

export function handleUpdate(ctx: ResourceContext, body: JsonObject): void {
  const live = ctx.state.get(ctx.type, ctx.namespace, ctx.name ?? '');
  if (!live) throw notFound(ctx.type.group, ctx.type.plural, ctx.name ?? '');
  const stored = replaceObject(ctx, live, body);
  sendJson(ctx.res, 200, encodeObject(ctx, stored));
}
