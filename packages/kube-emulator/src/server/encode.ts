// Shapes stored objects for the response: the requested version, and Table or
// PartialObjectMetadata when the client's Accept header asked for them.
import type { JsonObject } from '../json.ts';
import { apiVersionOf, toServedVersion } from '../cluster/object-prep.ts';
import type { ResourceContext } from './request-context.ts';
import { badRequest } from './api-error.ts';
import { toTable } from '../table/index.ts';

type IncludeObject = 'None' | 'Metadata' | 'Object';

function includeObjectOf(ctx: ResourceContext): IncludeObject {
  const v = ctx.query.get('includeObject');
  if (v === null || v === '') return 'Metadata';
  if (v === 'None' || v === 'Metadata' || v === 'Object') return v;
  throw badRequest(`includeObject: Unsupported value: "${v}"`);
}

function partial(apiVersion: string, obj: JsonObject): JsonObject {
  return { kind: 'PartialObjectMetadata', apiVersion, metadata: obj.metadata ?? {} };
}

export function encodeObject(ctx: ResourceContext, stored: JsonObject): JsonObject {
  const obj = toServedVersion(ctx.type, stored);
  switch (ctx.output.kind) {
    case 'json':
      return obj;
    case 'partial':
      return partial(ctx.output.apiVersion, obj);
    case 'table':
      return toTable(ctx.type, [obj], { includeObject: includeObjectOf(ctx) });
  }
}

export function encodeList(ctx: ResourceContext, stored: JsonObject[], listMeta: JsonObject): JsonObject {
  const items = stored.map((o) => toServedVersion(ctx.type, o));
  switch (ctx.output.kind) {
    case 'json':
      return { kind: ctx.type.listKind, apiVersion: apiVersionOf(ctx.type), metadata: listMeta, items };
    case 'partial':
      return {
        kind: 'PartialObjectMetadataList',
        apiVersion: ctx.output.apiVersion,
        metadata: listMeta,
        items: items.map((o) => partial(ctx.output.kind === 'partial' ? ctx.output.apiVersion : '', o)),
      };
    case 'table':
      return toTable(ctx.type, items, { includeObject: includeObjectOf(ctx), listMeta });
  }
}
