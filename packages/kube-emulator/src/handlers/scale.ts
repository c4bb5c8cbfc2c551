// The scale subresource: an autoscaling/v1 Scale view of spec/status replicas.
import type { JsonObject } from '../json.ts';
import { isJsonObject } from '../json.ts';
import { toServedVersion } from '../cluster/object-prep.ts';
import { labelSelectorFromObject, labelSelectorToString } from '../selectors/index.ts';
import { badRequest, notFound } from '../server/api-error.ts';
import type { ResourceContext } from '../server/request-context.ts';
import { decodeObject } from '../server/request-body.ts';
import { sendJson } from '../server/responses.ts';
import { deepClone, getPath, metadataOf, setPath } from '../store/object-meta.ts';
import { applyPatchDocument, APPLY_PATCH } from './patch.ts';
import { replaceObject } from './update.ts';

function scaleOf(ctx: ResourceContext, obj: JsonObject): JsonObject {
  const paths = ctx.type.subresources.scale;
  const meta = metadataOf(obj);
  const replicas = paths ? getPath(obj, paths.specReplicasPath) : undefined;
  const statusReplicas = paths ? getPath(obj, paths.statusReplicasPath) : undefined;
  let selector: string | undefined;
  if (paths?.labelSelectorPath) {
    const raw = getPath(obj, paths.labelSelectorPath);
    if (typeof raw === 'string') selector = raw;
  }
  if (selector === undefined && !ctx.type.custom) {
    // built-ins (Deployment) keep the selector as an object in spec.selector
    const specSelector = getPath(obj, '.spec.selector');
    if (isJsonObject(specSelector)) selector = labelSelectorToString(labelSelectorFromObject(specSelector));
  }
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: meta.name ?? '',
      ...(meta.namespace ? { namespace: meta.namespace } : {}),
      uid: meta.uid ?? '',
      resourceVersion: meta.resourceVersion ?? '',
      creationTimestamp: meta.creationTimestamp ?? null,
    },
    spec: { replicas: typeof replicas === 'number' ? replicas : 0 },
    status: {
      replicas: typeof statusReplicas === 'number' ? statusReplicas : 0,
      ...(selector ? { selector } : {}),
    },
  };
}

export function handleScale(ctx: ResourceContext, mediaType: string, text: string): void {
  const paths = ctx.type.subresources.scale;
  const live = ctx.state.get(ctx.type, ctx.namespace, ctx.name ?? '');
  if (!paths || !live) throw notFound(ctx.type.group, ctx.type.plural, ctx.name ?? '');
  const current = scaleOf(ctx, live);
  if (ctx.verb === 'get') {
    sendJson(ctx.res, 200, current);
    return;
  }
  let desired: JsonObject;
  if (ctx.verb === 'update') desired = decodeObject(text, mediaType);
  else if (ctx.verb === 'patch' && mediaType !== APPLY_PATCH) desired = applyPatchDocument(ctx.type, mediaType, current, text);
  else throw badRequest(`scale does not support ${ctx.verb} with ${mediaType}`);
  const spec = isJsonObject(desired.spec) ? desired.spec : {};
  if (typeof spec.replicas !== 'number' || !Number.isInteger(spec.replicas) || spec.replicas < 0) {
    throw badRequest('spec.replicas: Invalid value: must be a non-negative integer');
  }
  const desiredRv = isJsonObject(desired.metadata) ? desired.metadata.resourceVersion : undefined;
  const next = deepClone(toServedVersion(ctx.type, live));
  setPath(next, paths.specReplicasPath, spec.replicas);
  if (typeof desiredRv === 'string' && desiredRv) (next.metadata as JsonObject).resourceVersion = desiredRv;
  const stored = replaceObject({ ...ctx, subresource: undefined }, live, next);
  sendJson(ctx.res, 200, scaleOf(ctx, stored));
}
