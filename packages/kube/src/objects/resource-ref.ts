/** A resource type by its REST coordinates (no discovery needed, so fresh CRDs work at once). */
export interface ResourceRef {
  /** '' for the core group */
  group: string;
  version: string;
  /** plural resource name, e.g. 'workloadclusters' */
  plural: string;
  kind: string;
  namespaced: boolean;
}

export function apiVersionOf(ref: ResourceRef): string {
  return ref.group === '' ? ref.version : `${ref.group}/${ref.version}`;
}

/** The collection or object path, e.g. /apis/trellis.dev/v1alpha1/namespaces/x/workloadclusters/y */
export function resourcePath(
  ref: ResourceRef,
  options: { namespace?: string; name?: string; subresource?: string } = {},
): string {
  const prefix = ref.group === '' ? `/api/${ref.version}` : `/apis/${ref.group}/${ref.version}`;
  if (ref.namespaced && options.name !== undefined && options.namespace === undefined) {
    throw new Error(`${ref.plural} is namespaced: a namespace is required`);
  }
  const ns =
    ref.namespaced && options.namespace !== undefined
      ? `/namespaces/${encodeURIComponent(options.namespace)}`
      : '';
  const name = options.name !== undefined ? `/${encodeURIComponent(options.name)}` : '';
  const sub = options.subresource !== undefined ? `/${options.subresource}` : '';
  return `${prefix}${ns}/${ref.plural}${name}${sub}`;
}

export const CoreResources = {
  namespaces: {
    group: '',
    version: 'v1',
    plural: 'namespaces',
    kind: 'Namespace',
    namespaced: false,
  },
  secrets: { group: '', version: 'v1', plural: 'secrets', kind: 'Secret', namespaced: true },
  services: { group: '', version: 'v1', plural: 'services', kind: 'Service', namespaced: true },
  events: { group: '', version: 'v1', plural: 'events', kind: 'Event', namespaced: true },
  endpointSlices: {
    group: 'discovery.k8s.io',
    version: 'v1',
    plural: 'endpointslices',
    kind: 'EndpointSlice',
    namespaced: true,
  },
  leases: {
    group: 'coordination.k8s.io',
    version: 'v1',
    plural: 'leases',
    kind: 'Lease',
    namespaced: true,
  },
  customResourceDefinitions: {
    group: 'apiextensions.k8s.io',
    version: 'v1',
    plural: 'customresourcedefinitions',
    kind: 'CustomResourceDefinition',
    namespaced: false,
  },
} as const satisfies Record<string, ResourceRef>;
