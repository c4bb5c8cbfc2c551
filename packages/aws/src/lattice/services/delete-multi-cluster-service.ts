// Remove every Lattice resource of one multi-cluster service that carries this hub's tags for it,
// in dependency order: listeners (they reference the target groups) → the service-network
// association (asynchronous: come back until it is gone) → the service → its target groups
// (targets deregistered first). Resources without our tags are never touched.
import type { VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import { isOwnedBy, TAG_KEYS, type OwnershipScope } from '@trellis/core';
import { convergeWithInventory, type LatticeInventory } from './inventory.ts';
import { deleteOwnedLatticeService, findLatticeServiceByName } from './lattice-service.ts';
import { deleteOwnedListener, listListeners } from './listener.ts';
import { tagsOf } from './resource-tags.ts';
import {
  associationsOfService,
  deleteOwnedServiceNetworkServiceAssociation,
} from './service-association.ts';
import { deleteOwnedTargetGroup } from './target-group-deletion.ts';
import { listOwnedTargetGroups } from './target-group.ts';

export interface DeleteMultiClusterServiceInput {
  accountId: string;
  /** the Lattice service's name (DesiredMultiClusterService.service.name) */
  serviceName: string;
  /** hubId, tenant, namespace and service: the tags every resource of this service carries */
  scope: Required<Pick<OwnershipScope, 'hubId' | 'tenant' | 'namespace' | 'service'>>;
  /** clusters the hub cannot reach now: their target groups stay (see ARCHITECTURE, GC rules) */
  unreachableClusters?: readonly string[];
  /**
   * target groups (by name) another Lattice service of the same export uses now: when an old
   * service is retired next to its replacement in the same account, they stay
   */
  keepTargetGroups?: readonly string[];
  /** the account's inventory: found through it, and what is deleted is forgotten in it */
  inventory?: LatticeInventory;
}

export interface DeleteMultiClusterServiceResult {
  /** true when nothing of ours is left; false: an association is still deleting, come back */
  done: boolean;
  deletedListeners: string[];
  associations: ('deleting' | 'absent' | 'not-owned')[];
  service: 'deleted' | 'absent' | 'not-owned' | 'associated';
  deletedTargetGroups: string[];
  /** kept: an unreachable cluster's, or used by a listener that is not ours */
  keptTargetGroups: string[];
}

export async function deleteMultiClusterService(
  lattice: VPCLatticeClient,
  input: DeleteMultiClusterServiceInput,
): Promise<DeleteMultiClusterServiceResult> {
  return convergeWithInventory(input.inventory, () => deleteOnce(lattice, input));
}

async function deleteOnce(
  lattice: VPCLatticeClient,
  input: DeleteMultiClusterServiceInput,
): Promise<DeleteMultiClusterServiceResult> {
  const inventory = input.inventory;
  const isOwned = (t: Record<string, string> | undefined) => isOwnedBy(t, input.scope);
  const result: DeleteMultiClusterServiceResult = {
    done: false,
    deletedListeners: [],
    associations: [],
    service: 'absent',
    deletedTargetGroups: [],
    keptTargetGroups: [],
  };
  const service = await findLatticeServiceByName(
    lattice,
    input.accountId,
    input.serviceName,
    inventory,
  );
  if (service !== undefined && isOwned(await tagsOf(lattice, service.arn))) {
    for (const l of await listListeners(lattice, service.id)) {
      if ((await deleteOwnedListener(lattice, service.id, l.name, isOwned)) === 'deleted') {
        result.deletedListeners.push(l.name);
      }
    }
    for (const a of await associationsOfService(lattice, service.id)) {
      result.associations.push(
        await deleteOwnedServiceNetworkServiceAssociation(
          lattice,
          { serviceArn: service.arn, serviceNetworkArn: a.serviceNetworkArn },
          isOwned,
        ),
      );
    }
    const deleted = await deleteOwnedLatticeService(
      lattice,
      { accountId: input.accountId, name: input.serviceName },
      isOwned,
    );
    result.service = deleted.result;
    if (deleted.result === 'deleted' || deleted.result === 'absent')
      await inventory?.forgetService(service.id);
  } else if (service !== undefined) {
    result.service = 'not-owned';
  }

  const unreachable = new Set(input.unreachableClusters ?? []);
  // Once the listeners are gone, this service's groups are used by no service (or still by ours,
  // when the service itself could not be deleted yet): only their tags are read.
  const candidates = (tg: { serviceArns: string[] }) =>
    tg.serviceArns.length === 0 || (service !== undefined && tg.serviceArns.includes(service.arn));
  for (const tg of await listOwnedTargetGroups(lattice, isOwned, candidates, inventory)) {
    const cluster = tg.tags[TAG_KEYS.cluster];
    if (input.keepTargetGroups?.includes(tg.name)) continue;
    if (cluster !== undefined && unreachable.has(cluster)) {
      result.keptTargetGroups.push(tg.name);
      continue;
    }
    const removed = await deleteOwnedTargetGroup(lattice, tg.id, {
      isOwned,
      isListenerOwned: isOwned,
    });
    if (removed.result === 'deleted' || removed.result === 'absent') {
      await inventory?.forgetTargetGroup(tg.id);
      result.deletedTargetGroups.push(tg.name);
    } else {
      result.keptTargetGroups.push(tg.name);
    }
  }
  result.done =
    (result.service === 'deleted' ||
      result.service === 'absent' ||
      result.service === 'not-owned') &&
    result.keptTargetGroups.length === 0;
  return result;
}
