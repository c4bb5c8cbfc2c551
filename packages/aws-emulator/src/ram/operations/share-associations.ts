// AssociateResourceShare, DisassociateResourceShare, GetResourceShareAssociations.
import type { AwsRequest } from '../../core/contracts.ts';
import type { AssociationStatus, AssociationType, ShareAssociation } from '../model.ts';
import { requireShareArn } from '../arns.ts';
import { paginate } from '../pagination.ts';
import { parsePrincipal } from '../principals.ts';
import type { RamContext } from '../ram-context.ts';
import {
  InvalidParameterException,
  MissingRequiredParameterException,
  OperationNotPermittedException,
  UnknownResourceException,
} from '../ram-errors.ts';
import { byCreation } from '../ram-state.ts';
import {
  optionalEnum,
  optionalInteger,
  optionalString,
  readJsonBody,
  requiredEnum,
  requiredString,
  stringList,
} from '../request-input.ts';
import {
  associatePrincipals,
  associateResources,
  disassociate,
  planPrincipals,
  planResources,
} from '../share-membership.ts';
import { changeableShare, ownedShare } from '../share-lookup.ts';
import { associationShape } from '../wire-shapes.ts';

const ASSOCIATION_STATUSES: readonly AssociationStatus[] = [
  'ASSOCIATING',
  'ASSOCIATED',
  'FAILED',
  'DISASSOCIATING',
  'DISASSOCIATED',
];
const ASSOCIATION_TYPES: readonly AssociationType[] = ['PRINCIPAL', 'RESOURCE'];

export function associateResourceShare(context: RamContext, request: AwsRequest): unknown {
  const members = readJsonBody(request);
  const arn = requiredString(members, 'resourceShareArn');
  const resourceArns = stringList(members, 'resourceArns');
  const principals = stringList(members, 'principals');
  if (stringList(members, 'sources').length > 0) {
    throw new InvalidParameterException(
      'sources can only be used when sharing with service principals.',
    );
  }
  const clientToken = optionalString(members, 'clientToken');

  return context.ledger.run(
    context.caller.accountId,
    'AssociateResourceShare',
    clientToken,
    { arn, resourceArns, principals },
    (token) => {
      const share = changeableShare(context, arn);
      if (resourceArns.length === 0 && principals.length === 0) {
        throw new MissingRequiredParameterException('resourceArns or principals');
      }
      const resourcePlans = planResources(context, share, resourceArns);
      const principalPlans = planPrincipals(context, share, principals);
      const associations = [
        ...associateResources(context, share, resourcePlans, 'AssociateResourceShare'),
        ...associatePrincipals(context, share, principalPlans, 'AssociateResourceShare'),
      ];
      share.lastUpdatedTime = context.now;
      return {
        resourceShareAssociations: associations.map((association) =>
          associationShape(association, share.name),
        ),
        clientToken: token,
      };
    },
  );
}

/**
 * The owner removes resources and principals. A receiving account may also remove itself (leave
 * a share it accepted) by naming its own account id as the only principal, as AWS allows.
 */
export function disassociateResourceShare(context: RamContext, request: AwsRequest): unknown {
  const members = readJsonBody(request);
  const arn = requiredString(members, 'resourceShareArn');
  const resourceArns = stringList(members, 'resourceArns');
  const principals = stringList(members, 'principals');
  const clientToken = optionalString(members, 'clientToken');

  return context.ledger.run(
    context.caller.accountId,
    'DisassociateResourceShare',
    clientToken,
    { arn, resourceArns, principals },
    (token) => {
      if (resourceArns.length === 0 && principals.length === 0) {
        throw new MissingRequiredParameterException('resourceArns or principals');
      }
      const share =
        receiverLeaving(context, arn, resourceArns, principals) ?? changeableShare(context, arn);
      // Validate both lists before touching either.
      for (const resourceArn of resourceArns)
        requireActive(context, share.arn, 'RESOURCE', resourceArn);
      for (const principal of principals) requireActive(context, share.arn, 'PRINCIPAL', principal);
      const associations = [
        ...disassociate(context, share, 'RESOURCE', resourceArns, 'DisassociateResourceShare'),
        ...disassociate(context, share, 'PRINCIPAL', principals, 'DisassociateResourceShare'),
      ];
      share.lastUpdatedTime = context.now;
      return {
        resourceShareAssociations: associations.map((association) =>
          associationShape(association, share.name),
        ),
        clientToken: token,
      };
    },
  );
}

function receiverLeaving(
  context: RamContext,
  arn: string,
  resourceArns: string[],
  principals: string[],
) {
  requireShareArn(arn);
  const share = context.state.shares.get(arn);
  const self = context.caller.accountId;
  if (!share || share.owningAccountId === self || share.region !== context.region) return undefined;
  const leaving = resourceArns.length === 0 && principals.length === 1 && principals[0] === self;
  const receives = context.state
    .receivingAssociations(share, self, context.deps.accounts)
    .some((association) => association.associatedEntity === self);
  if (!leaving || !receives) return undefined;
  // The RAM user guide: access granted through organisation sharing cannot be left.
  if (context.state.latestInvitation(share.arn, self)?.status !== 'ACCEPTED') {
    throw new OperationNotPermittedException(
      `Account ${self} received resource share ${arn} through its organization and cannot leave it; the owner must remove the principal.`,
    );
  }
  return share;
}

function requireActive(
  context: RamContext,
  shareArn: string,
  type: AssociationType,
  entity: string,
): void {
  if (type === 'PRINCIPAL') parsePrincipal(entity);
  const association = context.state.association(shareArn, type, entity);
  if (
    !association ||
    (association.status !== 'ASSOCIATED' && association.status !== 'ASSOCIATING')
  ) {
    throw new UnknownResourceException(
      `${entity} is not associated with resource share ${shareArn}.`,
    );
  }
}

export function getResourceShareAssociations(context: RamContext, request: AwsRequest): unknown {
  const members = readJsonBody(request);
  const associationType = requiredEnum(members, 'associationType', ASSOCIATION_TYPES);
  const shareArns = stringList(members, 'resourceShareArns');
  const resourceArn = optionalString(members, 'resourceArn');
  const principal = optionalString(members, 'principal');
  const associationStatus = optionalEnum(members, 'associationStatus', ASSOCIATION_STATUSES);
  const maxResults = optionalInteger(members, 'maxResults');
  const nextToken = optionalString(members, 'nextToken');
  if (associationType === 'PRINCIPAL' && resourceArn !== undefined) {
    throw new InvalidParameterException(
      'resourceArn cannot be specified when associationType is PRINCIPAL.',
    );
  }
  if (associationType === 'RESOURCE' && principal !== undefined) {
    throw new InvalidParameterException(
      'principal cannot be specified when associationType is RESOURCE.',
    );
  }

  const shares =
    shareArns.length > 0
      ? shareArns.map((arn) => ownedShare(context, arn))
      : context.state.sharesOwnedBy(context.caller.accountId, context.region);
  const entity = resourceArn ?? principal;
  const associations: ShareAssociation[] = shares
    .flatMap((share) => context.state.associationsOf(share.arn, associationType))
    .filter((association) => entity === undefined || association.associatedEntity === entity)
    .filter(
      (association) => associationStatus === undefined || association.status === associationStatus,
    )
    .sort(byCreation((association) => association.resourceShareArn + association.associatedEntity));

  const page = paginate(associations, maxResults, nextToken, [
    'GetResourceShareAssociations',
    context.caller.accountId,
    context.region,
    associationType,
    shareArns,
    entity,
    associationStatus,
  ]);
  return {
    resourceShareAssociations: page.items.map((association) =>
      associationShape(
        association,
        context.state.shares.get(association.resourceShareArn)?.name ?? '',
      ),
    ),
    ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }),
  };
}
