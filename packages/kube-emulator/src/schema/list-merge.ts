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
      if (node === undefined) return undefined;
      // an atomic map or struct is owned and replaced as a whole, like an atomic list
      if (!isArraySchema(node)) return str(node, 'x-kubernetes-map-type') === 'atomic' ? { listType: 'atomic' } : undefined;
      const listType = str(node, 'x-kubernetes-list-type');
      const itemSchema = items(node);
      const itemsAtomic = itemSchema !== undefined && str(itemSchema, 'x-kubernetes-map-type') === 'atomic';
      if (listType === 'map') {
        const keys = strList(node, 'x-kubernetes-list-map-keys');
        const keyDefaults = keyDefaultsOf(itemSchema, keys);
        return {
          listType: 'map',
          keys,
          ...(keyDefaults ? { keyDefaults } : {}),
          ...(itemsAtomic ? { itemsAtomic } : {}),
        };
      }
      if (listType === 'set') return { listType: 'set', ...(itemsAtomic ? { itemsAtomic } : {}) };
      return { listType: 'atomic' };
    },
  };
}

/** Defaults of map-list keys an item may omit: `{port: 80}` and `{port: 80, protocol: TCP}` are one item. */
function keyDefaultsOf(itemSchema: SchemaNode | undefined, keys: string[]): Record<string, string | number | boolean> | undefined {
  if (itemSchema === undefined) return undefined;
  const props = properties(itemSchema) ?? {};
  const out: Record<string, string | number | boolean> = {};
  for (const key of keys) {
    const d = props[key]?.['default'];
    if (typeof d === 'string' || typeof d === 'number' || typeof d === 'boolean') out[key] = d;
  }
  return Object.keys(out).length ? out : undefined;
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
