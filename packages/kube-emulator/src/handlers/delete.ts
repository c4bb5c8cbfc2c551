// DELETE of one object (DeleteOptions from the body or the query) and DELETE of a collection.
import type { JsonObject } from '../json.ts';
import { isJsonObject } from '../json.ts';
import { deleteObject } from '../gc/delete-object.ts';
import type { DeleteOptions, PropagationPolicy } from '../gc/delete-object.ts';
import { badRequest } from '../server/api-error.ts';
import { encodeList, encodeObject } from '../server/encode.ts';
import type { ResourceContext } from '../server/request-context.ts';
import { decodeValue } from '../server/request-body.ts';
import { sendJson } from '../server/responses.ts';
import { metadataOf } from '../store/object-meta.ts';
import { listObjects } from './read.ts';

const POLICIES: readonly string[] = ['Background', 'Foreground', 'Orphan'];

export function parseDeleteOptions(ctx: ResourceContext, raw: Buffer, mediaType: string): DeleteOptions {
  let body: JsonObject = {};
  if (raw.length > 0 && raw.toString('utf8').trim()) {
    const value = decodeValue(raw, mediaType === 'application/vnd.kubernetes.protobuf' ? mediaType : 'application/json');
    if (isJsonObject(value)) body = value;
  }
  const policy = (typeof body.propagationPolicy === 'string' ? body.propagationPolicy : undefined) ??
    ctx.query.get('propagationPolicy') ??
    undefined;
  if (policy !== undefined && !POLICIES.includes(policy)) {
    throw badRequest(`propagationPolicy: Unsupported value: "${policy}": supported values: "Background", "Foreground", "Orphan"`);
  }
  const orphan = body.orphanDependents ?? ctx.query.get('orphanDependents');
  const dryRun = [...ctx.query.getAll('dryRun'), ...(Array.isArray(body.dryRun) ? body.dryRun : [])];
  const pre = isJsonObject(body.preconditions) ? body.preconditions : {};
  const opts: DeleteOptions = {};
  if (policy) opts.propagationPolicy = policy as PropagationPolicy;
  else if (orphan === true || orphan === 'true') opts.propagationPolicy = 'Orphan';
  if (dryRun.includes('All')) opts.dryRun = true;
  const preconditions: { uid?: string; resourceVersion?: string } = {};
  if (typeof pre.uid === 'string') preconditions.uid = pre.uid;
  if (typeof pre.resourceVersion === 'string') preconditions.resourceVersion = pre.resourceVersion;
  if (preconditions.uid || preconditions.resourceVersion) opts.preconditions = preconditions;
  return opts;
}

export function handleDelete(ctx: ResourceContext, raw: Buffer, mediaType: string): void {
  const opts = parseDeleteOptions(ctx, raw, mediaType);
  const result = deleteObject(ctx.state, ctx.state.storageTypeOf(ctx.type), ctx.namespace, ctx.name ?? '', opts);
  sendJson(ctx.res, 200, encodeObject(ctx, result.object));
}

export function handleDeleteCollection(ctx: ResourceContext, raw: Buffer, mediaType: string): void {
  const opts = parseDeleteOptions(ctx, raw, mediaType);
  const { items, listMeta } = listObjects(ctx);
  const deleted: JsonObject[] = [];
  for (const item of items) {
    const meta = metadataOf(item);
    if (!ctx.state.get(ctx.type, meta.namespace ?? '', meta.name ?? '')) continue;
    const result = deleteObject(ctx.state, ctx.state.storageTypeOf(ctx.type), meta.namespace ?? '', meta.name ?? '', opts);
    deleted.push(result.object);
  }
  delete listMeta.continue;
  delete listMeta.remainingItemCount;
  sendJson(ctx.res, 200, encodeList(ctx, deleted, listMeta));
}
