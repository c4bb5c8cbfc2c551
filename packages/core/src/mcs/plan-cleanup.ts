// Which Lattice resources Trellis created for a service are no longer wanted, in the order they
// can be deleted. Ownership is decided by tags only (a resource without this hub's tags for this
// service is never returned, whatever its name), and nothing belonging to a cluster that is merely
// unreachable is deleted: it may come back, and its traffic must not vanish meanwhile.
import { isOwnedBy, TAG_KEYS } from '../naming/tags.ts';
import type { DesiredMultiClusterService } from './plan-lattice-service.ts';

export type OwnedResourceKind =
  'listener' | 'serviceNetworkAssociation' | 'service' | 'targetGroup';

/** A Lattice resource as the adapter found it (by listing and reading its tags). */
export interface ObservedLatticeResource {
  kind: OwnedResourceKind;
  arn: string;
  name: string;
  accountId: string;
  tags: Readonly<Record<string, string>> | undefined;
  /** listeners and associations: the service they belong to */
  serviceArn?: string;
  /** associations: the service network */
  serviceNetworkArn?: string;
}

export interface CleanupInput {
  hubId: string;
  tenant: string;
  namespace: string;
  name: string;
  /** every Lattice resource the adapter found that may be this service's, in any account */
  observed: readonly ObservedLatticeResource[];
  /** planLatticeService's result; undefined: nothing should remain */
  desired: DesiredMultiClusterService | undefined;
  /** clusters the hub cannot reach right now */
  unreachableClusters: readonly string[];
}

/** Deletion order: what references a resource goes before it (listeners → groups, service). */
const ORDER: OwnedResourceKind[] = [
  'listener',
  'serviceNetworkAssociation',
  'service',
  'targetGroup',
];

export function planLatticeCleanup(input: CleanupInput): ObservedLatticeResource[] {
  const { desired } = input;
  const scope = {
    hubId: input.hubId,
    tenant: input.tenant,
    namespace: input.namespace,
    service: input.name,
  };
  const unreachable = new Set(input.unreachableClusters);
  const owned = input.observed.filter((r) => isOwnedBy(r.tags, scope));

  const wantedService = owned.find(
    (r) =>
      r.kind === 'service' &&
      desired !== undefined &&
      r.name === desired.service.name &&
      r.accountId === desired.accountId,
  );
  const wantedListeners = new Set(desired?.listeners.map((l) => l.name) ?? []);
  const wantedGroups = new Set(
    desired === undefined
      ? []
      : desired.targetGroups.map((tg) => `${desired.accountId}/${tg.name}`),
  );

  const unwanted = owned.filter((r) => {
    switch (r.kind) {
      case 'service':
        return r !== wantedService;
      case 'listener':
        return r.serviceArn !== wantedService?.arn || !wantedListeners.has(r.name);
      case 'serviceNetworkAssociation':
        return (
          r.serviceArn !== wantedService?.arn ||
          r.serviceNetworkArn !== desired?.serviceNetworkAssociation.serviceNetworkArn
        );
      case 'targetGroup': {
        const cluster = r.tags?.[TAG_KEYS.cluster];
        if (cluster !== undefined && unreachable.has(cluster)) return false;
        return !wantedGroups.has(`${r.accountId}/${r.name}`);
      }
    }
  });
  return unwanted.sort(
    (a, b) =>
      ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0),
  );
}
