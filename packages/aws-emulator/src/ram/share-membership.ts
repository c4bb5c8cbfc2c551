// Adding and removing a share's resources and principals: the rules AWS applies (ownership,
// organisation boundaries, invitations) and the asynchronous ASSOCIATING/DISASSOCIATING steps.
// Every request is validated in full before anything changes, so a bad entry changes nothing.
import type { ResourceShare, ShareAssociation } from './model.ts';
import { transition } from './model.ts';
import { invitationArn, requireArn } from './arns.ts';
import type { RamContext } from './ram-context.ts';
import { organizationSharingEnabled } from './ram-context.ts';
import type { Principal } from './principals.ts';
import { parsePrincipal, requireOwnOrganization } from './principals.ts';
import {
  InvalidParameterException,
  OperationNotPermittedException,
  UnknownResourceException,
} from './ram-errors.ts';
import { LIVE_ASSOCIATION } from './ram-state.ts';
import { findResourceType } from './resource-types.ts';

/** AWS's wording when a principal falls outside what the share (or the organisation) allows. */
const ORGANIZATION_ONLY =
  'The resource you are attempting to share can only be shared within your AWS Organization. This error may also occur if you have not enabled sharing with your AWS organization, or that onboarding process is still in progress.';

interface ResourcePlan {
  arn: string;
  resourceType: string;
}

interface PrincipalPlan {
  principal: Principal;
  external: boolean;
  /** an account outside organisation sharing: it must accept an invitation first */
  needsInvitation: boolean;
  /** a 12-digit id the directory does not know: its association FAILs (see the RAM doc) */
  unknownAccount: boolean;
}

export function planResources(
  context: RamContext,
  share: ResourceShare,
  arns: readonly string[],
): ResourcePlan[] {
  return dedupe(arns).map((arn) => {
    requireArn(arn);
    const resource = context.deps.resolver.resolve(arn);
    if (!resource || resource.region !== share.region) {
      throw new UnknownResourceException(`The resource ${arn} could not be found.`);
    }
    if (resource.ownerAccountId !== share.owningAccountId) {
      throw new OperationNotPermittedException(
        `The resource ${arn} is not owned by account ${share.owningAccountId}; only the owner can share a resource.`,
      );
    }
    const type = findResourceType(resource.resourceType);
    if (!type)
      throw new InvalidParameterException(
        `Resources of type ${resource.resourceType} cannot be shared.`,
      );
    return { arn, resourceType: type.resourceType };
  });
}

export function planPrincipals(
  context: RamContext,
  share: ResourceShare,
  values: readonly string[],
): PrincipalPlan[] {
  const accounts = context.deps.accounts;
  const ownerOrganization = accounts.organizationOf(share.owningAccountId);
  return dedupe(values).map((value) => {
    const principal = parsePrincipal(value);
    if (principal.kind !== 'account') {
      requireOwnOrganization(principal, ownerOrganization, accounts);
      if (!organizationSharingEnabled(context, principal.organizationId)) {
        throw new OperationNotPermittedException(ORGANIZATION_ONLY);
      }
      return { principal, external: false, needsInvitation: false, unknownAccount: false };
    }
    // The RAM user guide: sharing with the owning account gives it access without an invitation.
    if (principal.accountId === share.owningAccountId) {
      return { principal, external: false, needsInvitation: false, unknownAccount: false };
    }
    const inOrganization =
      ownerOrganization !== undefined &&
      accounts.organizationOf(principal.accountId) === ownerOrganization;
    if (!inOrganization && !share.allowExternalPrincipals)
      throw new OperationNotPermittedException(ORGANIZATION_ONLY);
    const sharesWithoutInvitation =
      inOrganization && organizationSharingEnabled(context, ownerOrganization);
    return {
      principal,
      external: !inOrganization,
      needsInvitation: !sharesWithoutInvitation,
      unknownAccount: !accounts.accountExists(principal.accountId),
    };
  });
}

/** Associates planned resources; returns the association records touched, as the response lists them. */
export function associateResources(
  context: RamContext,
  share: ResourceShare,
  plans: readonly ResourcePlan[],
  operation: string,
): ShareAssociation[] {
  return plans.map((plan) => {
    const existing = context.state.association(share.arn, 'RESOURCE', plan.arn);
    if (existing && LIVE_ASSOCIATION.includes(existing.status)) return existing;
    const association = existing ?? newAssociation(context, share, 'RESOURCE', plan.arn);
    association.resourceType = plan.resourceType;
    delete association.statusMessage;
    transition(association, 'ASSOCIATING', 'ASSOCIATED', context.now, context.delayMs(operation));
    context.state.putAssociation(association);
    return association;
  });
}

export function associatePrincipals(
  context: RamContext,
  share: ResourceShare,
  plans: readonly PrincipalPlan[],
  operation: string,
): ShareAssociation[] {
  return plans.map((plan) => {
    const existing = context.state.association(share.arn, 'PRINCIPAL', plan.principal.id);
    if (existing && LIVE_ASSOCIATION.includes(existing.status)) return existing;
    const association = existing ?? newAssociation(context, share, 'PRINCIPAL', plan.principal.id);
    association.external = plan.external;
    delete association.statusMessage;
    if (plan.unknownAccount) {
      transition(association, undefined, 'FAILED', context.now, 0);
      association.statusMessage = `The account ${plan.principal.id} does not exist.`;
    } else if (plan.needsInvitation && plan.principal.kind === 'account') {
      // Stays ASSOCIATING until the receiver accepts; acceptance schedules ASSOCIATED.
      transition(association, undefined, 'ASSOCIATING', context.now, 0);
      sendInvitation(context, share, plan.principal.accountId);
    } else {
      transition(association, 'ASSOCIATING', 'ASSOCIATED', context.now, context.delayMs(operation));
    }
    context.state.putAssociation(association);
    return association;
  });
}

function sendInvitation(
  context: RamContext,
  share: ResourceShare,
  receiverAccountId: string,
): void {
  const arn = invitationArn(share.region, share.owningAccountId);
  context.state.invitations.set(arn, {
    arn,
    resourceShareArn: share.arn,
    senderAccountId: share.owningAccountId,
    receiverAccountId,
    invitationTimestamp: context.now,
    status: 'PENDING',
  });
}

/**
 * Removes entities from a share. Entities that are not (or no longer) associated are refused
 * with UnknownResourceException, like AWS.
 */
export function disassociate(
  context: RamContext,
  share: ResourceShare,
  type: 'RESOURCE' | 'PRINCIPAL',
  entities: readonly string[],
  operation: string,
): ShareAssociation[] {
  const associations = dedupe(entities).map((entity) => {
    if (type === 'RESOURCE') requireArn(entity);
    else parsePrincipal(entity);
    const association = context.state.association(share.arn, type, entity);
    if (!association || !LIVE_ASSOCIATION.includes(association.status)) {
      throw new UnknownResourceException(
        `${entity} is not associated with resource share ${share.arn}.`,
      );
    }
    return association;
  });
  for (const association of associations)
    endAssociation(context, association, context.delayMs(operation));
  return associations;
}

/** DISASSOCIATING now, DISASSOCIATED after the delay; an unanswered invitation expires with it. */
export function endAssociation(
  context: RamContext,
  association: ShareAssociation,
  delayMs: number,
): void {
  delete association.statusMessage;
  transition(association, 'DISASSOCIATING', 'DISASSOCIATED', context.now, delayMs);
  if (association.associationType !== 'PRINCIPAL') return;
  const invitation = context.state.latestInvitation(
    association.resourceShareArn,
    association.associatedEntity,
  );
  if (invitation?.status === 'PENDING') invitation.status = 'EXPIRED';
}

function newAssociation(
  context: RamContext,
  share: ResourceShare,
  associationType: 'RESOURCE' | 'PRINCIPAL',
  associatedEntity: string,
): ShareAssociation {
  return {
    resourceShareArn: share.arn,
    associationType,
    associatedEntity,
    status: 'ASSOCIATING',
    creationTime: context.now,
    lastUpdatedTime: context.now,
  };
}

function dedupe(values: readonly string[]): string[] {
  return [...new Set(values)];
}
