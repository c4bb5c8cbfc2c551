// How lists merge under server-side apply / merge patch, from the CRD schema's x-kubernetes-list-type
// and x-kubernetes-list-map-keys (an array without a list-type is atomic, as in Kubernetes).
import type { ListMergeInfo, MergeSchema } from '../patch/index.ts';
import type { SchemaNode } from './schema-access.ts';
import { additionalProperties, items, properties, str, strList } from './schema-access.ts';

/** x-kubernetes-list-type / list-map-keys from a schema, for server-side apply and merge. */
export function mergeSchemaFromOpenApi(schema: SchemaNode): MergeSchema {
  return {
    listAt(path: readonly string[]): ListMergeInfo | undefined {
      const node = schemaAt(schema, path);
      if (node === undefined || !isArraySchema(node)) return undefined;
      const listType = str(node, 'x-kubernetes-list-type');
      if (listType === 'map')
        return { listType: 'map', keys: strList(node, 'x-kubernetes-list-map-keys') };
      if (listType === 'set') return { listType: 'set' };
      return { listType: 'atomic' };
    },
  };
}

function isArraySchema(s: SchemaNode): boolean {
  return str(s, 'type') === 'array' || (str(s, 'type') === undefined && items(s) !== undefined);
}

/** Follow field names from the root; array levels are implicit (the path omits them), map keys are not. */
function schemaAt(root: SchemaNode, path: readonly string[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  for (const segment of path) {
    while (node !== undefined && isArraySchema(node)) node = items(node);
    if (node === undefined) return undefined;
    node = properties(node)?.[segment] ?? additionalProperties(node)?.schema;
  }
  return node;
}
