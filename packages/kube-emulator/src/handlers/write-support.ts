// Pieces shared by the write handlers.
import type { JsonObject } from '../json.ts';
import { builtinType } from '../cluster/internal-create.ts';
import type { WriteOptions } from '../cluster/object-prep.ts';
import { parseFieldValidation } from '../resources/custom-objects.ts';
import { ApiError, badRequest, notFound, qualifiedResource } from '../server/api-error.ts';
import type { ResourceContext } from '../server/request-context.ts';
import { fieldManagerOf } from '../server/request-context.ts';
import { jsonEqual } from '../json-equal.ts';
import { metadataOf } from '../store/object-meta.ts';

export function writeOptions(ctx: ResourceContext): WriteOptions {
  const dryRun = ctx.query.getAll('dryRun');
  for (const v of dryRun) {
    if (v !== 'All') throw badRequest(`dryRun: Unsupported value: "${v}": supported values: "All"`);
  }
  const fieldValidation = parseFieldValidation(ctx.query.get('fieldValidation'));
  const manager = fieldManagerOf(ctx);
  if (manager.length > 128) {
    throw badRequest('fieldManager: Too long: may not be more than 128 bytes');
  }
  return {
    namespace: ctx.type.namespaced ? ctx.namespace : '',
    manager,
    warnings: ctx.warnings,
    ...(fieldValidation ? { fieldValidation } : {}),
    ...(ctx.subresource ? { subresource: ctx.subresource } : {}),
  };
}

/** Namespaced creates need an existing namespace that is not terminating. */
export function checkNamespaceAcceptsCreate(ctx: ResourceContext, name: string): void {
  if (!ctx.type.namespaced) return;
  const ns = ctx.state.get(builtinType('', 'namespaces'), '', ctx.namespace);
  if (!ns) throw notFound('', 'namespaces', ctx.namespace);
  if (metadataOf(ns).deletionTimestamp) {
    throw new ApiError(
      403,
      'Forbidden',
      `${qualifiedResource(ctx.type.group, ctx.type.plural)} "${name}" is forbidden: unable to create new content in namespace ${ctx.namespace} because it is being terminated`,
      {
        name,
        group: ctx.type.group,
        kind: ctx.type.plural,
        causes: [
          {
            reason: 'NamespaceTerminating',
            message: `namespace ${ctx.namespace} is being terminated`,
            field: 'metadata.namespace',
          },
        ],
      },
    );
  }
}

/** A write that changes nothing is not stored (no new resourceVersion, no watch event), as in etcd3. */
export function isNoOp(live: JsonObject, next: JsonObject): boolean {
  const strip = (o: JsonObject): JsonObject => {
    const meta = { ...(o.metadata as JsonObject) };
    delete meta.managedFields;
    delete meta.resourceVersion;
    return { ...o, metadata: meta };
  };
  return jsonEqual(strip(live), strip(next));
}

export function isDryRunRequest(ctx: ResourceContext): boolean {
  return ctx.query.getAll('dryRun').includes('All');
}
