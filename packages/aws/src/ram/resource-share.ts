import {
  AcceptResourceShareInvitationCommand,
  AssociateResourceShareCommand,
  CreateResourceShareCommand,
  DeleteResourceShareCommand,
  DisassociateResourceShareCommand,
  paginateGetResourceShareAssociations,
  paginateGetResourceShareInvitations,
  paginateGetResourceShares,
  type RAMClient,
} from '@aws-sdk/client-ram';
import { awsCall } from '../clients/aws-errors.ts';

export interface ResourceShareIntent {
  name: string;
  resourceArn: string;
  /** account ids that must see the resource */
  principals: string[];
  allowExternalPrincipals: boolean;
  tags: Record<string, string>;
  clientToken: string;
}

export interface ResourceShareState {
  arn: string;
  /** principals currently associated or associating */
  principals: string[];
  changes: ('created' | 'associated' | 'disassociated')[];
}

/** Our active share of that name (owned by the client's account), if any. */
async function findShare(
  ram: RAMClient,
  name: string,
): Promise<{ arn: string; tags: Record<string, string> } | undefined> {
  return awsCall('GetResourceShares', async () => {
    const pages = paginateGetResourceShares({ client: ram }, { resourceOwner: 'SELF', name });
    for await (const page of pages) {
      for (const share of page.resourceShares ?? []) {
        if (share.name === name && share.status === 'ACTIVE' && share.resourceShareArn) {
          const tags = Object.fromEntries(
            (share.tags ?? []).map((t) => [t.key ?? '', t.value ?? '']),
          );
          return { arn: share.resourceShareArn, tags };
        }
      }
    }
    return undefined;
  });
}

async function currentPrincipals(ram: RAMClient, shareArn: string): Promise<string[]> {
  return awsCall('GetResourceShareAssociations', async () => {
    const principals: string[] = [];
    const pages = paginateGetResourceShareAssociations(
      { client: ram },
      { associationType: 'PRINCIPAL', resourceShareArns: [shareArn] },
    );
    for await (const page of pages) {
      for (const a of page.resourceShareAssociations ?? []) {
        if ((a.status === 'ASSOCIATED' || a.status === 'ASSOCIATING') && a.associatedEntity) {
          principals.push(a.associatedEntity);
        }
      }
    }
    return principals;
  });
}

/**
 * Converge the RAM share of the tenant's service network: exists, shares that one resource,
 * with exactly `principals`. Principal changes are incremental (associate / disassociate), so
 * clusters coming and going never re-create the share.
 */
export async function ensureResourceShare(
  ram: RAMClient,
  intent: ResourceShareIntent,
): Promise<ResourceShareState> {
  const wanted = [...new Set(intent.principals)].sort();
  const existing = await findShare(ram, intent.name);
  if (existing === undefined) {
    const created = await awsCall('CreateResourceShare', () =>
      ram.send(
        new CreateResourceShareCommand({
          name: intent.name,
          resourceArns: [intent.resourceArn],
          ...(wanted.length > 0 ? { principals: wanted } : {}),
          allowExternalPrincipals: intent.allowExternalPrincipals,
          tags: Object.entries(intent.tags).map(([key, value]) => ({ key, value })),
          clientToken: intent.clientToken,
        }),
      ),
    );
    return {
      arn: created.resourceShare!.resourceShareArn!,
      principals: wanted,
      changes: ['created'],
    };
  }
  const have = await currentPrincipals(ram, existing.arn);
  const add = wanted.filter((p) => !have.includes(p));
  const remove = have.filter((p) => !wanted.includes(p));
  const changes: ResourceShareState['changes'] = [];
  if (add.length > 0) {
    await awsCall('AssociateResourceShare', () =>
      ram.send(
        new AssociateResourceShareCommand({ resourceShareArn: existing.arn, principals: add }),
      ),
    );
    changes.push('associated');
  }
  if (remove.length > 0) {
    await awsCall('DisassociateResourceShare', () =>
      ram.send(
        new DisassociateResourceShareCommand({
          resourceShareArn: existing.arn,
          principals: remove,
        }),
      ),
    );
    changes.push('disassociated');
  }
  return { arn: existing.arn, principals: wanted, changes };
}

/** Delete our share of that name; a share without our tags is never touched. */
export async function deleteOwnedResourceShare(
  ram: RAMClient,
  name: string,
  isOwned: (tags: Record<string, string> | undefined) => boolean,
): Promise<'deleted' | 'absent' | 'not-owned'> {
  const existing = await findShare(ram, name);
  if (existing === undefined) return 'absent';
  if (!isOwned(existing.tags)) return 'not-owned';
  await awsCall('DeleteResourceShare', () =>
    ram.send(new DeleteResourceShareCommand({ resourceShareArn: existing.arn })),
  );
  return 'deleted';
}

/**
 * In a receiving account: accept the pending invitation to the share, if there is one.
 * Returns 'accepted', 'already-accepted', or 'none' (no invitation: e.g. shared within an
 * organisation, where RAM needs none).
 */
export async function acceptShareInvitation(
  ram: RAMClient,
  resourceShareArn: string,
): Promise<'accepted' | 'already-accepted' | 'none'> {
  const invitations = await awsCall('GetResourceShareInvitations', async () => {
    const found: { arn: string; status: string }[] = [];
    const pages = paginateGetResourceShareInvitations(
      { client: ram },
      { resourceShareArns: [resourceShareArn] },
    );
    for await (const page of pages) {
      for (const inv of page.resourceShareInvitations ?? []) {
        if (inv.resourceShareInvitationArn && inv.status) {
          found.push({ arn: inv.resourceShareInvitationArn, status: inv.status });
        }
      }
    }
    return found;
  });
  const pending = invitations.find((i) => i.status === 'PENDING');
  if (pending !== undefined) {
    await awsCall('AcceptResourceShareInvitation', () =>
      ram.send(
        new AcceptResourceShareInvitationCommand({ resourceShareInvitationArn: pending.arn }),
      ),
    );
    return 'accepted';
  }
  return invitations.some((i) => i.status === 'ACCEPTED') ? 'already-accepted' : 'none';
}
