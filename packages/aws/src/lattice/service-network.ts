import {
  CreateServiceNetworkCommand,
  DeleteServiceNetworkCommand,
  GetServiceNetworkCommand,
  ListTagsForResourceCommand,
  paginateListServiceNetworks,
  UpdateServiceNetworkCommand,
  type AuthType,
  type VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import { awsCall } from '../clients/aws-errors.ts';

export interface ServiceNetworkIntent {
  name: string;
  authType: AuthType;
  /** ownership tags, written only on networks Trellis creates */
  tags: Record<string, string>;
  clientToken: string;
}

export interface ServiceNetworkState {
  id: string;
  arn: string;
  name: string;
  authType: AuthType;
  /** true when it existed without our tags: used, never deleted */
  adopted: boolean;
  /** what this call changed, for events and the steady-state check */
  changes: ('created' | 'authType')[];
}

/** Our own (not shared-in) service network of that name in the client's account, if any. */
export async function findServiceNetworkByName(
  lattice: VPCLatticeClient,
  name: string,
  accountId: string,
): Promise<{ id: string; arn: string } | undefined> {
  const pages = paginateListServiceNetworks({ client: lattice }, {});
  const found = await awsCall('ListServiceNetworks', async () => {
    for await (const page of pages) {
      for (const item of page.items ?? []) {
        // Networks shared with this account are listed too; only ours count.
        if (item.name === name && item.arn?.split(':')[4] === accountId && item.id && item.arn) {
          return { id: item.id, arn: item.arn };
        }
      }
    }
    return undefined;
  });
  return found;
}

/**
 * Converge the tenant's service network: create it (idempotently, by client token) or adopt
 * the existing one of that name, then set its auth type. Makes no mutating call when nothing
 * differs.
 */
export async function ensureServiceNetwork(
  lattice: VPCLatticeClient,
  accountId: string,
  intent: ServiceNetworkIntent,
): Promise<ServiceNetworkState> {
  const existing = await findServiceNetworkByName(lattice, intent.name, accountId);
  if (existing === undefined) {
    const created = await awsCall('CreateServiceNetwork', () =>
      lattice.send(
        new CreateServiceNetworkCommand({
          name: intent.name,
          authType: intent.authType,
          tags: intent.tags,
          clientToken: intent.clientToken,
        }),
      ),
    );
    return {
      id: created.id!,
      arn: created.arn!,
      name: created.name ?? intent.name,
      authType: created.authType ?? intent.authType,
      adopted: false,
      changes: ['created'],
    };
  }
  const current = await awsCall('GetServiceNetwork', () =>
    lattice.send(new GetServiceNetworkCommand({ serviceNetworkIdentifier: existing.id })),
  );
  const tags = await awsCall('ListTagsForResource', () =>
    lattice.send(new ListTagsForResourceCommand({ resourceArn: existing.arn })),
  );
  const adopted = !Object.entries(intent.tags).every(([k, v]) => tags.tags?.[k] === v);
  const changes: ServiceNetworkState['changes'] = [];
  if (current.authType !== intent.authType) {
    await awsCall('UpdateServiceNetwork', () =>
      lattice.send(
        new UpdateServiceNetworkCommand({
          serviceNetworkIdentifier: existing.id,
          authType: intent.authType,
        }),
      ),
    );
    changes.push('authType');
  }
  return {
    id: existing.id,
    arn: existing.arn,
    name: intent.name,
    authType: intent.authType,
    adopted,
    changes,
  };
}

/**
 * Delete the tenant's service network if it exists and carries our tags (an adopted network is
 * left alone). AWS refuses while associations remain; that ConflictException surfaces as is.
 */
export async function deleteOwnedServiceNetwork(
  lattice: VPCLatticeClient,
  accountId: string,
  name: string,
  isOwned: (tags: Record<string, string> | undefined) => boolean,
): Promise<'deleted' | 'absent' | 'not-owned'> {
  const existing = await findServiceNetworkByName(lattice, name, accountId);
  if (existing === undefined) return 'absent';
  const { tags } = await awsCall('ListTagsForResource', () =>
    lattice.send(new ListTagsForResourceCommand({ resourceArn: existing.arn })),
  );
  if (!isOwned(tags)) return 'not-owned';
  await awsCall('DeleteServiceNetwork', () =>
    lattice.send(new DeleteServiceNetworkCommand({ serviceNetworkIdentifier: existing.id })),
  );
  return 'deleted';
}
