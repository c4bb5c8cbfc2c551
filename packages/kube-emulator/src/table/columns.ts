// Column definitions shared by the printers. Descriptions are the API's field documentation,
// which kubectl shows in `kubectl get --show-kind -o wide`-style tooling and tests compare.
import type { JsonObject } from '../json.ts';

export type ColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'date';

export interface ColumnDefinition {
  name: string;
  type: ColumnType;
  format: string;
  description: string;
  priority: number;
}

export const NAME_DESCRIPTION =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';

export const CREATION_TIMESTAMP_DESCRIPTION =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

export function column(
  name: string,
  description: string,
  opts: { type?: ColumnType; format?: string; priority?: number } = {},
): ColumnDefinition {
  return {
    name,
    type: opts.type ?? 'string',
    format: opts.format ?? '',
    description,
    priority: opts.priority ?? 0,
  };
}

export const NAME_COLUMN = column('Name', NAME_DESCRIPTION, { format: 'name' });
export const AGE_COLUMN = column('Age', CREATION_TIMESTAMP_DESCRIPTION);

export function toJsonColumn(c: ColumnDefinition): JsonObject {
  return {
    name: c.name,
    type: c.type,
    format: c.format,
    description: c.description,
    priority: c.priority,
  };
}
