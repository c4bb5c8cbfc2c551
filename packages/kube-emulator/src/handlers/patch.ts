// PATCH: JSON patch, merge patch, strategic merge patch (built-ins only, as the real server)
// and server-side apply, which creates the object when it does not exist.
import type { JsonObject } from '../json.ts';
import { isJsonObject } from '../json.ts';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch, serverSideApply } from '../patch/index.ts';
import { mergeSchemaFor } from '../resources/merge-schema.ts';
import { toServedVersion } from '../cluster/object-prep.ts';
import type { ResourceType } from '../resources/types.ts';
import { badRequest, invalid, notFound, unsupportedMediaType } from '../server/api-error.ts';
import { encodeObject } from '../server/encode.ts';
import type { ResourceContext } from '../server/request-context.ts';
import { fieldManagerOf } from '../server/request-context.ts';
import { decodeValue } from '../server/request-body.ts';
import { sendJson } from '../server/responses.ts';
import { createObject } from './create.ts';
import { replaceObject } from './update.ts';

export const JSON_PATCH = 'application/json-patch+json';
export const MERGE_PATCH = 'application/merge-patch+json';
export const STRATEGIC_PATCH = 'application/strategic-merge-patch+json';
export const APPLY_PATCH = 'application/apply-patch+yaml';

function unsupported(type: ResourceType): never {
  const accepted = type.custom
    ? 'application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml'
    : 'application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json';
  throw unsupportedMediaType(`the body of the request was in an unknown format - accepted media types include: ${accepted}`);
}

/** Apply a non-apply patch of `mediaType` to `target` (request version). */
export function applyPatchDocument(type: ResourceType, mediaType: string, target: JsonObject, text: string): JsonObject {
  switch (mediaType) {
    case JSON_PATCH:
      return applyJsonPatch(target, decodeValue(text, 'application/json'));
    case MERGE_PATCH:
      return applyMergePatch(target, decodeValue(text, 'application/json'));
    case STRATEGIC_PATCH:
      if (type.custom) unsupported(type);
      return applyStrategicMergePatch(target, decodeValue(text, 'application/json'), mergeSchemaFor(type));
    default:
      return unsupported(type);
  }
}

export function handlePatch(ctx: ResourceContext, mediaType: string, text: string): void {
  const name = ctx.name ?? '';
  const live = ctx.state.get(ctx.type, ctx.namespace, name);
  if (mediaType === APPLY_PATCH) {
    handleApply(ctx, live, text);
    return;
  }
  if (![JSON_PATCH, MERGE_PATCH, STRATEGIC_PATCH].includes(mediaType)) unsupported(ctx.type);
  if (!live) throw notFound(ctx.type.group, ctx.type.plural, name);
  const patched = applyPatchDocument(ctx.type, mediaType, toServedVersion(ctx.type, live), text);
  const stored = replaceObject(ctx, live, patched);
  sendJson(ctx.res, 200, encodeObject(ctx, stored));
}

function handleApply(ctx: ResourceContext, live: JsonObject | undefined, text: string): void {
  if (!ctx.query.get('fieldManager')) {
    throw invalid('meta.k8s.io', 'PatchOptions', '', [
      {
        type: 'FieldValueRequired',
        field: 'fieldManager',
        message: 'fieldManager: Required value: is required for apply patch',
      },
    ]);
  }
  const force = ctx.query.get('force') === 'true';
  const appliedDoc = decodeValue(text, APPLY_PATCH);
  if (!isJsonObject(appliedDoc)) throw badRequest('the body of the request must be a YAML or JSON object');
  const appliedName = isJsonObject(appliedDoc.metadata) ? appliedDoc.metadata.name : undefined;
  if (appliedName !== undefined && appliedName !== ctx.name) {
    throw badRequest(`the name of the object (${JSON.stringify(appliedName)}) does not match the name on the URL (${ctx.name ?? ''})`);
  }
  const result = serverSideApply({
    live: live ? toServedVersion(ctx.type, live) : undefined,
    applied: appliedPart(ctx.type, ctx.subresource, appliedDoc),
    manager: fieldManagerOf(ctx),
    force,
    schema: mergeSchemaFor(ctx.type),
    now: ctx.state.now(),
    ...(ctx.subresource ? { subresource: ctx.subresource } : {}),
  });
  if (!live) {
    if (ctx.subresource) throw notFound(ctx.type.group, ctx.type.plural, ctx.name ?? '');
    const created = createApplied(ctx, result);
    sendJson(ctx.res, 201, encodeObject(ctx, created));
    return;
  }
  const stored = replaceObject(ctx, live, result, true);
  sendJson(ctx.res, 200, encodeObject(ctx, stored));
}

/**
 * With a status subresource, the main resource ignores an applied `status` and `/status` ignores
 * everything but it (the real server's reset fields), so neither claims fields it cannot change.
 */
function appliedPart(type: ResourceType, subresource: string | undefined, applied: JsonObject): JsonObject {
  if (!type.subresources.status) return applied;
  if (subresource === 'status') {
    const meta = isJsonObject(applied.metadata) ? applied.metadata : {};
    const identity: JsonObject = {};
    if (meta.name !== undefined) identity.name = meta.name;
    if (meta.namespace !== undefined) identity.namespace = meta.namespace;
    const part: JsonObject = { metadata: identity };
    if (applied.apiVersion !== undefined) part.apiVersion = applied.apiVersion;
    if (applied.kind !== undefined) part.kind = applied.kind;
    if (applied.status !== undefined) part.status = applied.status;
    return part;
  }
  if (subresource !== undefined || applied.status === undefined) return applied;
  const rest = { ...applied };
  delete rest.status;
  return rest;
}

function createApplied(ctx: ResourceContext, obj: JsonObject): JsonObject {
  return createObject(ctx, obj, true);
}
