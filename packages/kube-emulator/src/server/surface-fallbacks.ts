// A minimal Table answer used only until src/table lands.
import type { JsonObject } from '../json.ts';
import type { ResourceType } from '../resources/types.ts';
import { metadataOf } from '../store/object-meta.ts';

function age(ts: string | undefined): string {
  if (!ts) return '<unknown>';
  const s = Math.max(0, Math.floor((Date.now() - Date.parse(ts)) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  return `${Math.floor(s / 3600)}h`;
}

export function fallbackTable(
  _type: ResourceType,
  objects: JsonObject[],
  opts: { includeObject?: 'None' | 'Metadata' | 'Object'; listMeta?: JsonObject },
): JsonObject {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: opts.listMeta ?? {},
    columnDefinitions: [
      { name: 'Name', type: 'string', format: 'name', description: 'Name', priority: 0 },
      { name: 'Age', type: 'string', format: '', description: 'Age', priority: 0 },
    ],
    rows: objects.map((o) => {
      const meta = metadataOf(o);
      const row: JsonObject = { cells: [meta.name ?? '', age(meta.creationTimestamp)] };
      if (opts.includeObject === 'Object') row.object = o;
      else if (opts.includeObject !== 'None') {
        row.object = { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata ?? {} };
      }
      return row;
    }),
  };
}
