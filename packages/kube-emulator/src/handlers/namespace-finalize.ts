// PUT namespaces/<name>/finalize: the only way spec.finalizers of a Namespace change.
import type { JsonObject } from '../json.ts';
import { isJsonObject } from '../json.ts';
import { resourceKeyOf } from '../resources/registry.ts';
import { finalizeNamespaceIfEmpty } from '../gc/garbage-collector.ts';
import { notFound } from '../server/api-error.ts';
import type { ResourceContext } from '../server/request-context.ts';
import { sendJson } from '../server/responses.ts';
import { deepClone } from '../store/object-meta.ts';

export function handleNamespaceFinalize(ctx: ResourceContext, body: JsonObject): void {
  const name = ctx.name ?? '';
  const live = ctx.state.get(ctx.type, '', name);
  if (!live) throw notFound('', 'namespaces', name);
  const next = deepClone(live);
  const spec = isJsonObject(body.spec) ? body.spec : {};
  next.spec = { ...(isJsonObject(next.spec) ? next.spec : {}), finalizers: Array.isArray(spec.finalizers) ? spec.finalizers : [] };
  const stored = ctx.state.store.update(resourceKeyOf(ctx.type), next);
  finalizeNamespaceIfEmpty(ctx.state, name);
  sendJson(ctx.res, 200, stored);
}
