import {
  CreateServiceNetworkVpcAssociationCommand,
  DeleteServiceNetworkVpcAssociationCommand,
  ListTagsForResourceCommand,
  paginateListServiceNetworkVpcAssociations,
  type VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import { awsCall } from '../clients/aws-errors.ts';

export interface VpcAssociationState {
  id: string;
  arn: string;
  /** CREATE_IN_PROGRESS | ACTIVE | UPDATE_IN_PROGRESS | DELETE_IN_PROGRESS | CREATE_FAILED | DELETE_FAILED */
  status: string;
  serviceNetworkArn: string;
  created: boolean;
}

/** The VPC is associated with a different service network (a VPC can join only one). */
export class VpcAlreadyAssociatedError extends Error {
  readonly vpcId: string;
  readonly serviceNetworkArn: string;

  constructor(vpcId: string, serviceNetworkArn: string) {
    super(
      `${vpcId} is already associated with service network ${serviceNetworkArn}; a VPC can be associated with only one service network`,
    );
    this.name = 'VpcAlreadyAssociatedError';
    this.vpcId = vpcId;
    this.serviceNetworkArn = serviceNetworkArn;
  }
}

async function associationsOfVpc(lattice: VPCLatticeClient, vpcId: string) {
  return awsCall('ListServiceNetworkVpcAssociations', async () => {
    const items: {
      id: string;
      arn: string;
      status: string;
      serviceNetworkArn: string;
      serviceNetworkId: string;
    }[] = [];
    const pages = paginateListServiceNetworkVpcAssociations(
      { client: lattice },
      { vpcIdentifier: vpcId },
    );
    for await (const page of pages) {
      for (const item of page.items ?? []) {
        if (item.id && item.arn && item.serviceNetworkArn) {
          items.push({
            id: item.id,
            arn: item.arn,
            status: item.status ?? 'UNKNOWN',
            serviceNetworkArn: item.serviceNetworkArn,
            serviceNetworkId: item.serviceNetworkId ?? '',
          });
        }
      }
    }
    return items;
  });
}

/**
 * Associate the VPC (in the client's account) with the service network (possibly shared from
 * another account). Idempotent by client token; a VPC already in another network is an error
 * that says which.
 */
export async function ensureVpcAssociation(
  lattice: VPCLatticeClient,
  intent: {
    serviceNetworkArn: string;
    vpcId: string;
    tags: Record<string, string>;
    clientToken: string;
  },
): Promise<VpcAssociationState> {
  const existing = await associationsOfVpc(lattice, intent.vpcId);
  const live = existing.filter(
    (a) => a.status !== 'DELETE_IN_PROGRESS' && a.status !== 'DELETE_FAILED',
  );
  const ours = live.find((a) => a.serviceNetworkArn === intent.serviceNetworkArn);
  if (ours !== undefined) {
    return {
      id: ours.id,
      arn: ours.arn,
      status: ours.status,
      serviceNetworkArn: ours.serviceNetworkArn,
      created: false,
    };
  }
  const other = live[0];
  if (other !== undefined)
    throw new VpcAlreadyAssociatedError(intent.vpcId, other.serviceNetworkArn);
  const created = await awsCall('CreateServiceNetworkVpcAssociation', () =>
    lattice.send(
      new CreateServiceNetworkVpcAssociationCommand({
        serviceNetworkIdentifier: intent.serviceNetworkArn,
        vpcIdentifier: intent.vpcId,
        tags: intent.tags,
        clientToken: intent.clientToken,
      }),
    ),
  );
  return {
    id: created.id!,
    arn: created.arn!,
    status: created.status ?? 'CREATE_IN_PROGRESS',
    serviceNetworkArn: intent.serviceNetworkArn,
    created: true,
  };
}

/**
 * Remove the VPC's association with the service network, if it exists and carries our tags.
 * An association without our tags is someone else's and is left alone.
 */
export async function removeVpcAssociation(
  lattice: VPCLatticeClient,
  intent: {
    serviceNetworkArn: string;
    vpcId: string;
    isOwned: (tags: Record<string, string> | undefined) => boolean;
  },
): Promise<'absent' | 'deleting' | 'not-owned'> {
  const existing = await associationsOfVpc(lattice, intent.vpcId);
  const ours = existing.find((a) => a.serviceNetworkArn === intent.serviceNetworkArn);
  if (ours === undefined) return 'absent';
  if (ours.status === 'DELETE_IN_PROGRESS') return 'deleting';
  const { tags } = await awsCall('ListTagsForResource', () =>
    lattice.send(new ListTagsForResourceCommand({ resourceArn: ours.arn })),
  );
  if (!intent.isOwned(tags)) return 'not-owned';
  await awsCall('DeleteServiceNetworkVpcAssociation', () =>
    lattice.send(
      new DeleteServiceNetworkVpcAssociationCommand({
        serviceNetworkVpcAssociationIdentifier: ours.id,
      }),
    ),
  );
  return 'deleting';
}
