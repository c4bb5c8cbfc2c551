// The association of a multi-cluster service's Lattice service with the tenant's service network
// (shared into the service's account by RAM). Creation is asynchronous: CREATE_IN_PROGRESS, then
// ACTIVE; the caller requeues until ACTIVE.
import {
  CreateServiceNetworkServiceAssociationCommand,
  DeleteServiceNetworkServiceAssociationCommand,
  paginateListServiceNetworkServiceAssociations,
  type VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import { awsCall } from '../../clients/aws-errors.ts';
import { carriesTags, requestToken, tagsOf, type IsOwned } from './resource-tags.ts';

export interface ServiceAssociationState {
  id: string;
  arn: string;
  /** CREATE_IN_PROGRESS | ACTIVE | DELETE_IN_PROGRESS | CREATE_FAILED | DELETE_FAILED */
  status: string;
  created: boolean;
}

interface AssociationItem {
  id: string;
  arn: string;
  status: string;
  serviceNetworkArn: string;
  serviceNetworkId: string;
}

/** Every association of the service, whichever service network it joins. */
export async function associationsOfService(
  lattice: VPCLatticeClient,
  serviceIdentifier: string,
): Promise<AssociationItem[]> {
  return awsCall('ListServiceNetworkServiceAssociations', async () => {
    const items: AssociationItem[] = [];
    const pages = paginateListServiceNetworkServiceAssociations(
      { client: lattice },
      { serviceIdentifier },
    );
    for await (const page of pages) {
      for (const a of page.items ?? []) {
        if (a.id && a.arn && a.serviceNetworkArn) {
          items.push({
            id: a.id,
            arn: a.arn,
            status: a.status ?? 'UNKNOWN',
            serviceNetworkArn: a.serviceNetworkArn,
            serviceNetworkId: a.serviceNetworkId ?? '',
          });
        }
      }
    }
    return items;
  });
}

function sameNetwork(a: AssociationItem, serviceNetworkArn: string): boolean {
  return a.serviceNetworkArn === serviceNetworkArn || a.serviceNetworkId === serviceNetworkArn;
}

/**
 * Associate the service with the service network, once. An association being deleted (a previous
 * removal) is reported as DELETE_IN_PROGRESS without a new create: Lattice refuses a second
 * association of the same pair until the first is gone, so the caller requeues. A CREATE_FAILED
 * association of ours is deleted (reported DELETE_IN_PROGRESS) so that a later call recreates it.
 */
export async function ensureServiceNetworkServiceAssociation(
  lattice: VPCLatticeClient,
  intent: {
    serviceArn: string;
    serviceNetworkArn: string;
    tags: Record<string, string>;
    clientToken: string;
  },
): Promise<ServiceAssociationState> {
  const existing = (await associationsOfService(lattice, intent.serviceArn)).find((a) =>
    sameNetwork(a, intent.serviceNetworkArn),
  );
  if (
    existing?.status === 'CREATE_FAILED' &&
    carriesTags(await tagsOf(lattice, existing.arn), intent.tags)
  ) {
    // A failed association of ours never recovers: remove it so the next reconcile creates anew.
    await awsCall('DeleteServiceNetworkServiceAssociation', () =>
      lattice.send(
        new DeleteServiceNetworkServiceAssociationCommand({
          serviceNetworkServiceAssociationIdentifier: existing.id,
        }),
      ),
    );
    return { id: existing.id, arn: existing.arn, status: 'DELETE_IN_PROGRESS', created: false };
  }
  if (existing !== undefined) {
    return { id: existing.id, arn: existing.arn, status: existing.status, created: false };
  }
  const request = {
    serviceIdentifier: intent.serviceArn,
    serviceNetworkIdentifier: intent.serviceNetworkArn,
    tags: intent.tags,
  };
  const out = await awsCall('CreateServiceNetworkServiceAssociation', () =>
    lattice.send(
      new CreateServiceNetworkServiceAssociationCommand({
        ...request,
        clientToken: requestToken(intent.clientToken, request),
      }),
    ),
  );
  return {
    id: out.id!,
    arn: out.arn!,
    status: out.status ?? 'CREATE_IN_PROGRESS',
    created: true,
  };
}

/**
 * Remove the service's association with the service network if it carries our tags. Deletion is
 * asynchronous: 'deleting' until the association is gone ('absent').
 */
export async function deleteOwnedServiceNetworkServiceAssociation(
  lattice: VPCLatticeClient,
  target: { serviceArn: string; serviceNetworkArn: string },
  isOwned: IsOwned,
): Promise<'absent' | 'deleting' | 'not-owned'> {
  const existing = (await associationsOfService(lattice, target.serviceArn)).find((a) =>
    sameNetwork(a, target.serviceNetworkArn),
  );
  if (existing === undefined) return 'absent';
  if (existing.status === 'DELETE_IN_PROGRESS') return 'deleting';
  if (!isOwned(await tagsOf(lattice, existing.arn))) return 'not-owned';
  await awsCall('DeleteServiceNetworkServiceAssociation', () =>
    lattice.send(
      new DeleteServiceNetworkServiceAssociationCommand({
        serviceNetworkServiceAssociationIdentifier: existing.id,
      }),
    ),
  );
  return 'deleting';
}
