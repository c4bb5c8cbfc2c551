// GetResourceShareInvitations, AcceptResourceShareInvitation, RejectResourceShareInvitation,
// ListPendingInvitationResources: the receiving account's side of a share with an account
// outside organisation sharing.
import type { AwsRequest } from '../../core/contracts.ts';
import type { ResourceShareInvitation } from '../model.ts';
import { transition } from '../model.ts';
import { requireInvitationArn, requireShareArn } from '../arns.ts';
import { paginate } from '../pagination.ts';
import type { RamContext } from '../ram-context.ts';
import {
  ResourceShareInvitationAlreadyAcceptedException,
  ResourceShareInvitationAlreadyRejectedException,
  ResourceShareInvitationArnNotFoundException,
  ResourceShareInvitationExpiredException,
} from '../ram-errors.ts';
import {
  optionalEnum,
  optionalInteger,
  optionalString,
  readJsonBody,
  requiredString,
  stringList,
} from '../request-input.ts';
import { invitationShape, resourceShape } from '../wire-shapes.ts';

export function getResourceShareInvitations(context: RamContext, request: AwsRequest): unknown {
  const members = readJsonBody(request);
  const invitationArns = stringList(members, 'resourceShareInvitationArns');
  const shareArns = stringList(members, 'resourceShareArns');
  const maxResults = optionalInteger(members, 'maxResults');
  const nextToken = optionalString(members, 'nextToken');
  for (const arn of shareArns) requireShareArn(arn);

  let invitations: ResourceShareInvitation[];
  if (invitationArns.length > 0) {
    invitations = invitationArns.map((arn) => receivedInvitation(context, arn));
  } else {
    invitations = [...context.state.invitations.values()].filter(
      (invitation) =>
        invitation.receiverAccountId === context.caller.accountId &&
        invitationRegion(invitation) === context.region,
    );
  }
  invitations = invitations
    .filter(
      (invitation) => shareArns.length === 0 || shareArns.includes(invitation.resourceShareArn),
    )
    .sort(byInvitationTime);

  const page = paginate(invitations, maxResults, nextToken, [
    'GetResourceShareInvitations',
    context.caller.accountId,
    context.region,
    invitationArns,
    shareArns,
  ]);
  return {
    resourceShareInvitations: page.items.map((invitation) => render(context, invitation)),
    ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }),
  };
}

export function acceptResourceShareInvitation(context: RamContext, request: AwsRequest): unknown {
  return answerInvitation(context, request, 'AcceptResourceShareInvitation', (invitation) => {
    invitation.status = 'ACCEPTED';
    const principal = context.state.association(
      invitation.resourceShareArn,
      'PRINCIPAL',
      invitation.receiverAccountId,
    );
    if (principal?.status === 'ASSOCIATING') {
      const delayMs = context.delayMs('AcceptResourceShareInvitation');
      transition(principal, 'ASSOCIATING', 'ASSOCIATED', context.now, delayMs);
    }
  });
}

export function rejectResourceShareInvitation(context: RamContext, request: AwsRequest): unknown {
  return answerInvitation(context, request, 'RejectResourceShareInvitation', (invitation) => {
    invitation.status = 'REJECTED';
    const principal = context.state.association(
      invitation.resourceShareArn,
      'PRINCIPAL',
      invitation.receiverAccountId,
    );
    if (principal?.status === 'ASSOCIATING') {
      transition(principal, undefined, 'DISASSOCIATED', context.now, 0);
      principal.statusMessage = 'The invitation to the resource share was rejected.';
    }
  });
}

function answerInvitation(
  context: RamContext,
  request: AwsRequest,
  operation: string,
  answer: (invitation: ResourceShareInvitation) => void,
): unknown {
  const members = readJsonBody(request);
  const arn = requiredString(members, 'resourceShareInvitationArn');
  const clientToken = optionalString(members, 'clientToken');
  return context.ledger.run(context.caller.accountId, operation, clientToken, { arn }, (token) => {
    const invitation = pendingInvitation(context, arn);
    answer(invitation);
    return { resourceShareInvitation: render(context, invitation), clientToken: token };
  });
}

export function listPendingInvitationResources(context: RamContext, request: AwsRequest): unknown {
  const members = readJsonBody(request);
  const arn = requiredString(members, 'resourceShareInvitationArn');
  const maxResults = optionalInteger(members, 'maxResults');
  const nextToken = optionalString(members, 'nextToken');
  const scope =
    optionalEnum(members, 'resourceRegionScope', ['ALL', 'REGIONAL', 'GLOBAL'] as const) ?? 'ALL';
  const invitation = pendingInvitation(context, arn);
  const resources = context.state
    .associationsOf(invitation.resourceShareArn, 'RESOURCE')
    .filter((association) => association.status === 'ASSOCIATED')
    .map((association) =>
      resourceShape(
        association,
        context.deps.resolver.resolve(association.associatedEntity) !== undefined,
      ),
    )
    .filter((resource) => scope === 'ALL' || resource['resourceRegionScope'] === scope);
  const page = paginate(resources, maxResults, nextToken, [
    'ListPendingInvitationResources',
    context.caller.accountId,
    arn,
    scope,
  ]);
  return {
    resources: page.items,
    ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }),
  };
}

/** An invitation addressed to the caller; other accounts' invitations do not exist for it. */
function receivedInvitation(context: RamContext, arn: string): ResourceShareInvitation {
  requireInvitationArn(arn);
  const invitation = context.state.invitations.get(arn);
  if (
    !invitation ||
    invitation.receiverAccountId !== context.caller.accountId ||
    invitationRegion(invitation) !== context.region
  ) {
    throw new ResourceShareInvitationArnNotFoundException(arn);
  }
  return invitation;
}

function pendingInvitation(context: RamContext, arn: string): ResourceShareInvitation {
  const invitation = receivedInvitation(context, arn);
  switch (invitation.status) {
    case 'PENDING':
      return invitation;
    case 'ACCEPTED':
      throw new ResourceShareInvitationAlreadyAcceptedException(arn);
    case 'REJECTED':
      throw new ResourceShareInvitationAlreadyRejectedException(arn);
    case 'EXPIRED':
      throw new ResourceShareInvitationExpiredException(arn);
  }
}

function render(context: RamContext, invitation: ResourceShareInvitation): Record<string, unknown> {
  return invitationShape(
    invitation,
    context.state.shares.get(invitation.resourceShareArn)?.name ?? '',
  );
}

function invitationRegion(invitation: ResourceShareInvitation): string {
  return invitation.arn.split(':')[3] ?? '';
}

function byInvitationTime(a: ResourceShareInvitation, b: ResourceShareInvitation): number {
  return (
    a.invitationTimestamp.getTime() - b.invitationTimestamp.getTime() || a.arn.localeCompare(b.arn)
  );
}
