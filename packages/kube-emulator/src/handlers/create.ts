// POST: create an object (generateName, AlreadyExists, namespace checks, dryRun).
import type { JsonObject } from '../json.ts';
import { prepareCreate } from '../cluster/object-prep.ts';
import { alreadyExists } from '../server/api-error.ts';
import { encodeObject } from '../server/encode.ts';
import type { ResourceContext } from '../server/request-context.ts';
import { sendJson } from '../server/responses.ts';
import { metadataOf } from '../store/object-meta.ts';
import { checkNamespaceAcceptsCreate, isDryRunRequest, writeOptions } from './write-support.ts';

/** Create `body` (in the request version); returns the stored (or dry-run) object. */
export function createObject(ctx: ResourceContext, body: JsonObject, applied = false): JsonObject {
  const opts = { ...writeOptions(ctx), ...(applied ? { applied: true } : {}) };
  const prepared = prepareCreate(ctx.state, ctx.type, body, opts);
  const meta = metadataOf(prepared);
  const name = meta.name ?? '';
  checkNamespaceAcceptsCreate(ctx, name);
  if (ctx.state.get(ctx.type, meta.namespace ?? '', name)) {
    throw alreadyExists(ctx.type.group, ctx.type.plural, name);
  }
  if (isDryRunRequest(ctx)) return prepared;
  return ctx.state.insert(ctx.state.storageTypeOf(ctx.type), prepared);
}

export function handleCreate(ctx: ResourceContext, body: JsonObject): void {
  const created = createObject(ctx, body);
  sendJson(ctx.res, 201, encodeObject(ctx, created));
}
