// The in-memory RAM database for one emulator: shares, associations and invitations across all
// accounts and regions, plus the read-side rules every operation shares (settling asynchronous
// transitions, expiring invitations, which shares an account can see).
import type { AccountDirectory } from '../core/contracts.ts';
import type {
  AssociationStatus,
  AssociationType,
  ResourceShare,
  ResourceShareInvitation,
  ShareAssociation,
} from './model.ts';
import { DELETED_SHARE_RETENTION_MS, INVITATION_LIFETIME_MS, settle } from './model.ts';
import { parsePrincipal, principalCovers } from './principals.ts';

/** Association states in which the entity is (or is becoming) part of the share. */
export const LIVE_ASSOCIATION: readonly AssociationStatus[] = ['ASSOCIATING', 'ASSOCIATED'];

export class RamState {
  readonly shares = new Map<string, ResourceShare>();
  readonly invitations = new Map<string, ResourceShareInvitation>();
  readonly #associations = new Map<string, ShareAssociation>();
  /** organisations whose management account called EnableSharingWithAwsOrganization */
  readonly organizationsSharingEnabled = new Set<string>();

  /** Applies every asynchronous transition that is due at `now`, and expires old invitations. */
  settle(now: Date): void {
    for (const share of this.shares.values()) {
      settle(share, now);
      if (
        share.status === 'DELETED' &&
        now.getTime() - share.lastUpdatedTime.getTime() >= DELETED_SHARE_RETENTION_MS
      ) {
        this.#forget(share.arn);
      }
    }
    for (const association of this.#associations.values()) settle(association, now);
    for (const invitation of this.invitations.values()) {
      if (invitation.status !== 'PENDING') continue;
      if (now.getTime() - invitation.invitationTimestamp.getTime() < INVITATION_LIFETIME_MS)
        continue;
      invitation.status = 'EXPIRED';
      const principal = this.association(
        invitation.resourceShareArn,
        'PRINCIPAL',
        invitation.receiverAccountId,
      );
      if (principal?.status === 'ASSOCIATING' && !principal.pending) {
        principal.status = 'DISASSOCIATED';
        principal.statusMessage = 'The invitation to the resource share expired.';
        principal.lastUpdatedTime = now;
      }
    }
  }

  /** Drops a deleted share with its associations and invitations once AWS would stop listing it. */
  #forget(shareArn: string): void {
    this.shares.delete(shareArn);
    for (const [key, association] of this.#associations) {
      if (association.resourceShareArn === shareArn) this.#associations.delete(key);
    }
    for (const [arn, invitation] of this.invitations) {
      if (invitation.resourceShareArn === shareArn) this.invitations.delete(arn);
    }
  }

  association(
    shareArn: string,
    type: AssociationType,
    entity: string,
  ): ShareAssociation | undefined {
    return this.#associations.get(associationKey(shareArn, type, entity));
  }

  putAssociation(association: ShareAssociation): void {
    this.#associations.set(
      associationKey(
        association.resourceShareArn,
        association.associationType,
        association.associatedEntity,
      ),
      association,
    );
  }

  associationsOf(shareArn: string, type?: AssociationType): ShareAssociation[] {
    return [...this.#associations.values()].filter(
      (association) =>
        association.resourceShareArn === shareArn &&
        (type === undefined || association.associationType === type),
    );
  }

  allAssociations(): ShareAssociation[] {
    return [...this.#associations.values()];
  }

  /** The newest invitation for a receiver of a share, if any. */
  latestInvitation(
    shareArn: string,
    receiverAccountId: string,
  ): ResourceShareInvitation | undefined {
    let latest: ResourceShareInvitation | undefined;
    for (const invitation of this.invitations.values()) {
      if (
        invitation.resourceShareArn !== shareArn ||
        invitation.receiverAccountId !== receiverAccountId
      )
        continue;
      if (
        !latest ||
        invitation.invitationTimestamp.getTime() >= latest.invitationTimestamp.getTime()
      ) {
        latest = invitation;
      }
    }
    return latest;
  }

  /**
   * The principal associations through which `accountId` receives `share`: ASSOCIATED ones of
   * an ACTIVE share owned by another account. Pending invitations do not count: AWS shows a
   * share to its receiver only once the invitation is accepted (or was never needed).
   */
  receivingAssociations(
    share: ResourceShare,
    accountId: string,
    accounts: AccountDirectory,
  ): ShareAssociation[] {
    if (share.status !== 'ACTIVE' || share.owningAccountId === accountId) return [];
    return this.associationsOf(share.arn, 'PRINCIPAL').filter(
      (association) =>
        association.status === 'ASSOCIATED' &&
        principalCovers(parsePrincipal(association.associatedEntity), accountId, accounts),
    );
  }

  sharesReceivedBy(accountId: string, region: string, accounts: AccountDirectory): ResourceShare[] {
    return [...this.shares.values()].filter(
      (share) =>
        share.region === region &&
        this.receivingAssociations(share, accountId, accounts).length > 0,
    );
  }

  sharesOwnedBy(accountId: string, region: string): ResourceShare[] {
    return [...this.shares.values()].filter(
      (share) => share.owningAccountId === accountId && share.region === region,
    );
  }
}

function associationKey(shareArn: string, type: AssociationType, entity: string): string {
  return `${shareArn}\u0000${type}\u0000${entity}`;
}

/** Stable listing order: oldest first, then by ARN/id, so pages never shift between calls. */
export function byCreation<T extends { creationTime: Date }>(
  key: (item: T) => string,
): (a: T, b: T) => number {
  return (a, b) =>
    a.creationTime.getTime() - b.creationTime.getTime() || key(a).localeCompare(key(b));
}
