// RAM's response structures (ResourceShare, ResourceShareAssociation, ResourceShareInvitation,
// Resource, Principal) with the model's member names; timestamps as restJson1 epoch seconds.
import { epochSeconds } from '../core/protocols/rest-json.ts';
import type { ResourceShare, ResourceShareInvitation, ShareAssociation } from './model.ts';
import { findResourceType } from './resource-types.ts';

export function resourceShareShape(share: ResourceShare): Record<string, unknown> {
  return {
    resourceShareArn: share.arn,
    name: share.name,
    owningAccountId: share.owningAccountId,
    allowExternalPrincipals: share.allowExternalPrincipals,
    status: share.status,
    ...(share.statusMessage === undefined ? {} : { statusMessage: share.statusMessage }),
    tags: share.tags.map((tag) => ({ key: tag.key, value: tag.value })),
    creationTime: epochSeconds(share.creationTime),
    lastUpdatedTime: epochSeconds(share.lastUpdatedTime),
    featureSet: 'STANDARD',
  };
}

export function associationShape(
  association: ShareAssociation,
  shareName: string,
): Record<string, unknown> {
  return {
    resourceShareArn: association.resourceShareArn,
    resourceShareName: shareName,
    associatedEntity: association.associatedEntity,
    associationType: association.associationType,
    status: association.status,
    ...(association.statusMessage === undefined
      ? {}
      : { statusMessage: association.statusMessage }),
    creationTime: epochSeconds(association.creationTime),
    lastUpdatedTime: epochSeconds(association.lastUpdatedTime),
    ...(association.associationType === 'PRINCIPAL'
      ? { external: association.external ?? false }
      : {}),
  };
}

export function invitationShape(
  invitation: ResourceShareInvitation,
  shareName: string,
): Record<string, unknown> {
  return {
    resourceShareInvitationArn: invitation.arn,
    resourceShareName: shareName,
    resourceShareArn: invitation.resourceShareArn,
    senderAccountId: invitation.senderAccountId,
    receiverAccountId: invitation.receiverAccountId,
    invitationTimestamp: epochSeconds(invitation.invitationTimestamp),
    status: invitation.status,
  };
}

/**
 * A shared resource as ListResources reports it: AVAILABLE once associated, PENDING before, and
 * UNAVAILABLE when the owning service no longer has it (deleted after it was shared).
 */
export function resourceShape(
  association: ShareAssociation,
  exists: boolean,
): Record<string, unknown> {
  const type = association.resourceType ?? '';
  const status = !exists
    ? 'UNAVAILABLE'
    : association.status === 'ASSOCIATED'
      ? 'AVAILABLE'
      : 'PENDING';
  return {
    arn: association.associatedEntity,
    type,
    resourceShareArn: association.resourceShareArn,
    status,
    creationTime: epochSeconds(association.creationTime),
    lastUpdatedTime: epochSeconds(association.lastUpdatedTime),
    resourceRegionScope: findResourceType(type)?.resourceRegionScope ?? 'REGIONAL',
  };
}

export function principalShape(association: ShareAssociation): Record<string, unknown> {
  return {
    id: association.associatedEntity,
    resourceShareArn: association.resourceShareArn,
    creationTime: epochSeconds(association.creationTime),
    lastUpdatedTime: epochSeconds(association.lastUpdatedTime),
    external: association.external ?? false,
  };
}
