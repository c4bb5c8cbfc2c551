// CreateResourceShare, UpdateResourceShare, DeleteResourceShare.
import type { AwsRequest } from '../../core/contracts.ts';
import type { ResourceShare } from '../model.ts';
import { transition } from '../model.ts';
import { requireArn, resourceShareArn } from '../arns.ts';
import type { RamContext } from '../ram-context.ts';
import {
  InvalidParameterException,
  MissingRequiredParameterException,
  UnknownResourceException,
} from '../ram-errors.ts';
import { LIVE_ASSOCIATION } from '../ram-state.ts';
import {
  optionalBoolean,
  optionalString,
  readJsonBody,
  requiredString,
  stringList,
  tagList,
} from '../request-input.ts';
import { findManagedPermission } from '../resource-types.ts';
import {
  associatePrincipals,
  associateResources,
  endAssociation,
  planPrincipals,
  planResources,
} from '../share-membership.ts';
import { changeableShare, validateTags } from '../share-lookup.ts';
import { resourceShareShape } from '../wire-shapes.ts';

export function createResourceShare(context: RamContext, request: AwsRequest): unknown {
  const members = readJsonBody(request);
  const name = requiredString(members, 'name');
  const resourceArns = stringList(members, 'resourceArns');
  const principals = stringList(members, 'principals');
  const tags = tagList(members, 'tags');
  const allowExternalPrincipals = optionalBoolean(members, 'allowExternalPrincipals') ?? true;
  const permissionArns = stringList(members, 'permissionArns');
  // `sources` restricts service principals, which this emulator does not model.
  if (stringList(members, 'sources').length > 0) {
    throw new InvalidParameterException(
      'sources can only be used when sharing with service principals.',
    );
  }
  const clientToken = optionalString(members, 'clientToken');
  const parameters = {
    name,
    resourceArns,
    principals,
    tags,
    allowExternalPrincipals,
    permissionArns,
  };

  return context.ledger.run(
    context.caller.accountId,
    'CreateResourceShare',
    clientToken,
    parameters,
    (token) => {
      validateTags(tags);
      for (const arn of permissionArns) {
        requireArn(arn);
        if (!findManagedPermission(arn))
          throw new UnknownResourceException(`Permission ${arn} could not be found.`);
      }
      const share: ResourceShare = {
        arn: resourceShareArn(context.region, context.caller.accountId),
        region: context.region,
        name,
        owningAccountId: context.caller.accountId,
        allowExternalPrincipals,
        status: 'ACTIVE',
        tags,
        permissionArns,
        creationTime: context.now,
        lastUpdatedTime: context.now,
      };
      const resourcePlans = planResources(context, share, resourceArns);
      const principalPlans = planPrincipals(context, share, principals);
      context.state.shares.set(share.arn, share);
      associateResources(context, share, resourcePlans, 'CreateResourceShare');
      associatePrincipals(context, share, principalPlans, 'CreateResourceShare');
      return { resourceShare: resourceShareShape(share), clientToken: token };
    },
  );
}

export function updateResourceShare(context: RamContext, request: AwsRequest): unknown {
  const members = readJsonBody(request);
  const arn = requiredString(members, 'resourceShareArn');
  const name = optionalString(members, 'name');
  const allowExternalPrincipals = optionalBoolean(members, 'allowExternalPrincipals');
  const clientToken = optionalString(members, 'clientToken');
  const parameters = { arn, name, allowExternalPrincipals };

  return context.ledger.run(
    context.caller.accountId,
    'UpdateResourceShare',
    clientToken,
    parameters,
    (token) => {
      const share = changeableShare(context, arn);
      if (name !== undefined) share.name = name;
      if (allowExternalPrincipals !== undefined)
        share.allowExternalPrincipals = allowExternalPrincipals;
      share.lastUpdatedTime = context.now;
      return { resourceShare: resourceShareShape(share), clientToken: token };
    },
  );
}

/** DELETE /deleteresourceshare?resourceShareArn=…&clientToken=… (members bound to the query). */
export function deleteResourceShare(context: RamContext, request: AwsRequest): unknown {
  const arn = request.query.get('resourceShareArn') ?? '';
  if (arn === '') throw new MissingRequiredParameterException('resourceShareArn');
  const clientToken = request.query.get('clientToken') ?? undefined;

  return context.ledger.run(
    context.caller.accountId,
    'DeleteResourceShare',
    clientToken,
    { arn },
    (token) => {
      const share = changeableShare(context, arn);
      const delayMs = context.delayMs('DeleteResourceShare');
      transition(share, 'DELETING', 'DELETED', context.now, delayMs);
      for (const association of context.state.associationsOf(share.arn)) {
        if (LIVE_ASSOCIATION.includes(association.status))
          endAssociation(context, association, delayMs);
      }
      return { returnValue: true, clientToken: token };
    },
  );
}
