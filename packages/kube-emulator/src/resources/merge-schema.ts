// How lists and maps of one served type merge (server-side apply, strategic merge patch and the
// managedFields of every write): the CRD schema's x-kubernetes-* markers for custom resources,
// the built-in tables otherwise.
import { atomicListsSchema, builtinMergeSchema } from '../patch/index.ts';
import type { MergeSchema } from '../patch/index.ts';
import { mergeSchemaFromOpenApi } from '../schema/index.ts';
import type { ResourceType } from './types.ts';

// CRD schemas do not describe metadata: its lists (ownerReferences, finalizers, managedFields)
// merge as ObjectMeta's do in every kind
const objectMeta = builtinMergeSchema('', 'v1', 'ConfigMap');

export function mergeSchemaFor(type: ResourceType): MergeSchema {
  if (!type.custom) return builtinMergeSchema(type.group, type.version, type.kind);
  const fromCrd = type.schema ? mergeSchemaFromOpenApi(type.schema) : atomicListsSchema;
  return { listAt: (path) => (path[0] === 'metadata' ? objectMeta.listAt(path) : fromCrd.listAt(path)) };
}
