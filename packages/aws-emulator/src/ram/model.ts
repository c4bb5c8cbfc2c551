// RAM's state: resource shares, their resource/principal associations and the invitations sent
// to receiving accounts. Enum values are the model's (ResourceShareStatus,
// ResourceShareAssociationStatus, ResourceShareInvitationStatus).

export type ResourceShareStatus = 'PENDING' | 'ACTIVE' | 'FAILED' | 'DELETING' | 'DELETED';
export type AssociationStatus =
  'ASSOCIATING' | 'ASSOCIATED' | 'FAILED' | 'DISASSOCIATING' | 'DISASSOCIATED';
export type AssociationType = 'PRINCIPAL' | 'RESOURCE';
export type InvitationStatus = 'PENDING' | 'ACCEPTED' | 'REJECTED' | 'EXPIRED';

export interface Tag {
  key: string;
  value: string;
}

/**
 * A status change that AWS performs asynchronously. It is applied lazily, when a read observes a
 * clock at or past `at`, so the emulator needs no timers and tests can move the clock.
 */
export interface PendingTransition<S extends string> {
  to: S;
  at: Date;
}

export interface ResourceShare {
  arn: string;
  region: string;
  name: string;
  owningAccountId: string;
  allowExternalPrincipals: boolean;
  status: ResourceShareStatus;
  statusMessage?: string;
  pending?: PendingTransition<ResourceShareStatus>;
  tags: Tag[];
  /** permission ARNs named at creation; resource types without one use their default */
  permissionArns: string[];
  creationTime: Date;
  lastUpdatedTime: Date;
}

export interface ShareAssociation {
  resourceShareArn: string;
  associationType: AssociationType;
  /** a resource ARN, an account id, or an organisation / OU ARN */
  associatedEntity: string;
  status: AssociationStatus;
  statusMessage?: string;
  pending?: PendingTransition<AssociationStatus>;
  /** principals only: outside the owner's organisation */
  external?: boolean;
  /** resources only: the RAM resource type, e.g. vpc-lattice:ServiceNetwork */
  resourceType?: string;
  creationTime: Date;
  lastUpdatedTime: Date;
}

export interface ResourceShareInvitation {
  arn: string;
  resourceShareArn: string;
  senderAccountId: string;
  receiverAccountId: string;
  invitationTimestamp: Date;
  status: InvitationStatus;
}

/**
 * How long an unanswered invitation stays PENDING. The RAM user guide gives seven days only to a
 * listed set of types (Aurora, EC2 capacity reservations, subnets, transit gateways, …); every
 * other type, VPC Lattice included, gets 12 hours, after which the principal is disassociated.
 */
export const INVITATION_LIFETIME_MS = 12 * 60 * 60 * 1000;

/** A deleted share stays listed (status DELETED) for two hours, then disappears, as in AWS. */
export const DELETED_SHARE_RETENTION_MS = 2 * 60 * 60 * 1000;

/** Applies a due pending transition; returns true when the record changed. */
export function settle<S extends string>(
  record: { status: S; pending?: PendingTransition<S>; lastUpdatedTime: Date },
  now: Date,
): boolean {
  const pending = record.pending;
  if (!pending || now.getTime() < pending.at.getTime()) return false;
  record.status = pending.to;
  record.lastUpdatedTime = pending.at;
  delete record.pending;
  return true;
}

/**
 * Moves a record to `final`, through `intermediate` when AWS does it asynchronously: the caller's
 * response shows the intermediate status (ASSOCIATING, DELETING…), and reads from `delayMs` on
 * show the final one.
 */
export function transition<S extends string>(
  record: { status: S; pending?: PendingTransition<S>; lastUpdatedTime: Date },
  intermediate: S | undefined,
  final: S,
  now: Date,
  delayMs: number,
): void {
  record.lastUpdatedTime = now;
  if (intermediate === undefined) {
    record.status = final;
    delete record.pending;
    return;
  }
  record.status = intermediate;
  record.pending = { to: final, at: new Date(now.getTime() + Math.max(0, delayMs)) };
}
