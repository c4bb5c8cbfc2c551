// Server-side printing: the meta.k8s.io/v1 Table kubectl asks for with
// `Accept: application/json;as=Table;v=v1;g=meta.k8s.io,...` on get/list.
import type { JsonObject, JsonValue } from '../json.ts';
import type { ResourceType } from '../resources/types.ts';
import { toJsonColumn } from './columns.ts';
import {
  CONFIGMAP_PRINTER,
  ENDPOINTS_PRINTER,
  EVENT_PRINTER,
  NAMESPACE_PRINTER,
  NODE_PRINTER,
  SECRET_PRINTER,
  SERVICE_ACCOUNT_PRINTER,
  SERVICE_PRINTER,
} from './core-printers.ts';
import { customResourcePrinter } from './custom-resource-printer.ts';
import { metadataOf } from './json-access.ts';
import {
  DEFAULT_PRINTER,
  DEPLOYMENT_PRINTER,
  ENDPOINT_SLICE_PRINTER,
  LEASE_PRINTER,
  ROLE_BINDING_PRINTER,
  ROLE_PRINTER,
} from './other-printers.ts';
import { POD_PRINTER } from './pod-printer.ts';
import type { Printer } from './printer.ts';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface ToTableOptions {
  /** the `includeObject` query parameter; the server's default (absent) is Metadata */
  includeObject?: IncludeObject;
  /** the list's metadata (resourceVersion, continue, remainingItemCount) or, for a single get, the object's resourceVersion */
  listMeta?: JsonObject;
  /** the clock ages are computed against; defaults to now */
  now?: Date;
  /** the Table version negotiated from `Accept` (`as=Table;v=v1beta1;g=meta.k8s.io`); defaults to v1 */
  apiVersion?: 'meta.k8s.io/v1' | 'meta.k8s.io/v1beta1';
}

const BUILTIN_PRINTERS: Readonly<Record<string, Printer>> = {
  '/pods': POD_PRINTER,
  '/services': SERVICE_PRINTER,
  '/namespaces': NAMESPACE_PRINTER,
  '/secrets': SECRET_PRINTER,
  '/configmaps': CONFIGMAP_PRINTER,
  '/endpoints': ENDPOINTS_PRINTER,
  '/serviceaccounts': SERVICE_ACCOUNT_PRINTER,
  '/events': EVENT_PRINTER,
  '/nodes': NODE_PRINTER,
  'events.k8s.io/events': EVENT_PRINTER,
  'discovery.k8s.io/endpointslices': ENDPOINT_SLICE_PRINTER,
  'coordination.k8s.io/leases': LEASE_PRINTER,
  'apps/deployments': DEPLOYMENT_PRINTER,
  'rbac.authorization.k8s.io/roles': ROLE_PRINTER,
  'rbac.authorization.k8s.io/clusterroles': ROLE_PRINTER,
  'rbac.authorization.k8s.io/rolebindings': ROLE_BINDING_PRINTER,
  'rbac.authorization.k8s.io/clusterrolebindings': ROLE_BINDING_PRINTER,
  // CustomResourceDefinitions themselves use the default convertor: NAME, CREATED AT
};

export function printerFor(type: ResourceType): Printer {
  if (type.custom) return customResourcePrinter(type.printerColumns);
  return BUILTIN_PRINTERS[`${type.group}/${type.plural}`] ?? DEFAULT_PRINTER;
}

function rowObject(
  object: JsonObject,
  include: IncludeObject,
  apiVersion: string,
): JsonValue | undefined {
  switch (include) {
    case 'None':
      return undefined;
    case 'Object':
      return object;
    case 'Metadata':
      return {
        kind: 'PartialObjectMetadata',
        apiVersion,
        metadata: metadataOf(object),
      };
  }
}

const LIST_META_KEYS = ['resourceVersion', 'continue', 'remainingItemCount', 'selfLink'];

/** One Table for a list (or, with one object, a get) of objects of one type. */
export function toTable(
  type: ResourceType,
  objects: JsonObject[],
  opts: ToTableOptions = {},
): JsonObject {
  const printer = printerFor(type);
  const now = opts.now ?? new Date();
  const include = opts.includeObject ?? 'Metadata';
  const apiVersion = opts.apiVersion ?? 'meta.k8s.io/v1';
  const metadata: JsonObject = {};
  for (const key of LIST_META_KEYS) {
    const value = opts.listMeta?.[key];
    if (value !== undefined && value !== null && value !== '') metadata[key] = value;
  }
  return {
    kind: 'Table',
    apiVersion,
    metadata,
    columnDefinitions: printer.columns.map(toJsonColumn),
    rows: objects.map((o) => {
      const printed = printer.row(o, now);
      const row: JsonObject = { cells: printed.cells };
      if (printed.conditions) row.conditions = printed.conditions;
      const object = rowObject(o, include, apiVersion);
      if (object !== undefined) row.object = object;
      return row;
    }),
  };
}
