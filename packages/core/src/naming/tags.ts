/** Tag keys on every AWS resource Trellis creates; ownership is decided by these, never by name. */
export const TAG_KEYS = {
  managedBy: 'ManagedBy',
  hubId: 'trellis.dev/hub-id',
  tenant: 'trellis.dev/tenant',
  cluster: 'trellis.dev/cluster',
  namespace: 'trellis.dev/namespace',
  service: 'trellis.dev/service',
} as const;

export const MANAGED_BY_VALUE = 'trellis';

export interface OwnershipScope {
  hubId: string;
  tenant: string;
  cluster?: string;
  namespace?: string;
  service?: string;
}

/** The tags that mark a resource as Trellis's, for one hub instance and scope. */
export function ownershipTags(scope: OwnershipScope): Record<string, string> {
  const tags: Record<string, string> = {
    [TAG_KEYS.managedBy]: MANAGED_BY_VALUE,
    [TAG_KEYS.hubId]: scope.hubId,
    [TAG_KEYS.tenant]: scope.tenant,
  };
  if (scope.cluster !== undefined) tags[TAG_KEYS.cluster] = scope.cluster;
  if (scope.namespace !== undefined) tags[TAG_KEYS.namespace] = scope.namespace;
  if (scope.service !== undefined) tags[TAG_KEYS.service] = scope.service;
  return tags;
}

/**
 * True only when `tags` say this hub owns the resource within `scope`. Garbage collection asks
 * this before every delete: a resource without our tags is never ours, whatever its name.
 */
export function isOwnedBy(
  tags: Readonly<Record<string, string>> | undefined,
  scope: OwnershipScope,
): boolean {
  if (tags === undefined) return false;
  const wanted = ownershipTags(scope);
  return Object.entries(wanted).every(([key, value]) => tags[key] === value);
}
