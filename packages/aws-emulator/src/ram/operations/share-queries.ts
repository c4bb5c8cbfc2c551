// GetResourceShares, ListResources, ListPrincipals: what an account owns (SELF) or receives
// (OTHER-ACCOUNTS). Receivers see a share, its resources and its principals only through an
// ASSOCIATED principal association, i.e. after accepting the invitation (or at once inside an
// organisation that shares without invitations).
import type { AwsRequest } from '../../core/contracts.ts';
import type { ResourceShare, ResourceShareStatus, ShareAssociation } from '../model.ts';
import { requireArn, requireShareArn } from '../arns.ts';
import { paginate } from '../pagination.ts';
import type { RamContext } from '../ram-context.ts';
import { InvalidResourceTypeException } from '../ram-errors.ts';
import { LIVE_ASSOCIATION, byCreation } from '../ram-state.ts';
import type { RequestMembers } from '../request-input.ts';
import {
  optionalEnum,
  optionalInteger,
  optionalString,
  readJsonBody,
  requiredEnum,
  stringList,
  tagFilterList,
} from '../request-input.ts';
import { defaultPermissionFor, findResourceType } from '../resource-types.ts';
import { principalShape, resourceShape, resourceShareShape } from '../wire-shapes.ts';

const RESOURCE_OWNERS = ['SELF', 'OTHER-ACCOUNTS'] as const;
type ResourceOwner = (typeof RESOURCE_OWNERS)[number];
const SHARE_STATUSES: readonly ResourceShareStatus[] = [
  'PENDING',
  'ACTIVE',
  'FAILED',
  'DELETING',
  'DELETED',
];

export function getResourceShares(context: RamContext, request: AwsRequest): unknown {
  const members = readJsonBody(request);
  const owner = requiredEnum(members, 'resourceOwner', RESOURCE_OWNERS);
  const shareArns = stringList(members, 'resourceShareArns');
  const status = optionalEnum(members, 'resourceShareStatus', SHARE_STATUSES);
  const name = optionalString(members, 'name');
  const tagFilters = tagFilterList(members, 'tagFilters');
  const permissionArn = optionalString(members, 'permissionArn');
  const maxResults = optionalInteger(members, 'maxResults');
  const nextToken = optionalString(members, 'nextToken');
  for (const arn of shareArns) requireShareArn(arn);
  if (permissionArn !== undefined) requireArn(permissionArn);

  const shares = sharesFor(context, owner)
    .filter((share) => shareArns.length === 0 || shareArns.includes(share.arn))
    .filter((share) => status === undefined || share.status === status)
    .filter((share) => name === undefined || share.name === name)
    .filter((share) =>
      tagFilters.every((filter) =>
        share.tags.some(
          (tag) =>
            (filter.tagKey === undefined || tag.key === filter.tagKey) &&
            (filter.tagValues.length === 0 || filter.tagValues.includes(tag.value)),
        ),
      ),
    )
    .filter(
      (share) =>
        permissionArn === undefined || sharePermissionArns(context, share).includes(permissionArn),
    )
    .sort(byCreation((share) => share.arn));

  const page = paginate(shares, maxResults, nextToken, [
    'GetResourceShares',
    context.caller.accountId,
    context.region,
    owner,
    shareArns,
    status,
    name,
    tagFilters,
    permissionArn,
  ]);
  return {
    resourceShares: page.items.map(resourceShareShape),
    ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }),
  };
}

export function listResources(context: RamContext, request: AwsRequest): unknown {
  const members = readJsonBody(request);
  const owner = requiredEnum(members, 'resourceOwner', RESOURCE_OWNERS);
  const principal = optionalString(members, 'principal');
  const resourceType = resourceTypeFilter(members);
  const resourceArns = stringList(members, 'resourceArns');
  const shareArns = stringList(members, 'resourceShareArns');
  const scope =
    optionalEnum(members, 'resourceRegionScope', ['ALL', 'REGIONAL', 'GLOBAL'] as const) ?? 'ALL';
  const maxResults = optionalInteger(members, 'maxResults');
  const nextToken = optionalString(members, 'nextToken');
  for (const arn of resourceArns) requireArn(arn);
  for (const arn of shareArns) requireShareArn(arn);

  const resources = sharesFor(context, owner)
    .filter((share) => shareArns.length === 0 || shareArns.includes(share.arn))
    .filter(
      (share) =>
        principal === undefined ||
        principalsOf(context, owner, share).some((p) => p.associatedEntity === principal),
    )
    .flatMap((share) => resourcesOf(context, owner, share))
    .filter(
      (association) =>
        resourceArns.length === 0 || resourceArns.includes(association.associatedEntity),
    )
    .filter(
      (association) => resourceType === undefined || association.resourceType === resourceType,
    )
    .sort(byCreation((association) => association.associatedEntity + association.resourceShareArn))
    .map((association) =>
      resourceShape(
        association,
        context.deps.resolver.resolve(association.associatedEntity) !== undefined,
      ),
    )
    .filter((resource) => scope === 'ALL' || resource['resourceRegionScope'] === scope);

  const page = paginate(resources, maxResults, nextToken, [
    'ListResources',
    context.caller.accountId,
    context.region,
    owner,
    principal,
    resourceType,
    resourceArns,
    shareArns,
    scope,
  ]);
  return {
    resources: page.items,
    ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }),
  };
}

export function listPrincipals(context: RamContext, request: AwsRequest): unknown {
  const members = readJsonBody(request);
  const owner = requiredEnum(members, 'resourceOwner', RESOURCE_OWNERS);
  const resourceArn = optionalString(members, 'resourceArn');
  const principals = stringList(members, 'principals');
  const resourceType = resourceTypeFilter(members);
  const shareArns = stringList(members, 'resourceShareArns');
  const maxResults = optionalInteger(members, 'maxResults');
  const nextToken = optionalString(members, 'nextToken');
  if (resourceArn !== undefined) requireArn(resourceArn);
  for (const arn of shareArns) requireShareArn(arn);

  const found = sharesFor(context, owner)
    .filter((share) => shareArns.length === 0 || shareArns.includes(share.arn))
    .filter((share) => {
      if (resourceArn === undefined && resourceType === undefined) return true;
      return resourcesOf(context, owner, share).some(
        (resource) =>
          (resourceArn === undefined || resource.associatedEntity === resourceArn) &&
          (resourceType === undefined || resource.resourceType === resourceType),
      );
    })
    .flatMap((share) => principalsOf(context, owner, share))
    .filter(
      (association) => principals.length === 0 || principals.includes(association.associatedEntity),
    )
    .sort(byCreation((association) => association.associatedEntity + association.resourceShareArn));

  const page = paginate(found, maxResults, nextToken, [
    'ListPrincipals',
    context.caller.accountId,
    context.region,
    owner,
    resourceArn,
    principals,
    resourceType,
    shareArns,
  ]);
  return {
    principals: page.items.map(principalShape),
    ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }),
  };
}

function sharesFor(context: RamContext, owner: ResourceOwner): ResourceShare[] {
  const { accountId } = context.caller;
  return owner === 'SELF'
    ? context.state.sharesOwnedBy(accountId, context.region)
    : context.state.sharesReceivedBy(accountId, context.region, context.deps.accounts);
}

/** Owners see resources still being associated; receivers only associated ones of live shares. */
function resourcesOf(
  context: RamContext,
  owner: ResourceOwner,
  share: ResourceShare,
): ShareAssociation[] {
  const resources = context.state.associationsOf(share.arn, 'RESOURCE');
  if (owner === 'SELF') {
    return share.status === 'ACTIVE'
      ? resources.filter((r) => LIVE_ASSOCIATION.includes(r.status))
      : [];
  }
  return resources.filter((r) => r.status === 'ASSOCIATED');
}

/** Owners see every live principal; a receiver sees the principals through which it receives. */
function principalsOf(
  context: RamContext,
  owner: ResourceOwner,
  share: ResourceShare,
): ShareAssociation[] {
  if (owner === 'OTHER-ACCOUNTS') {
    return context.state.receivingAssociations(
      share,
      context.caller.accountId,
      context.deps.accounts,
    );
  }
  if (share.status !== 'ACTIVE') return [];
  return context.state
    .associationsOf(share.arn, 'PRINCIPAL')
    .filter((p) => LIVE_ASSOCIATION.includes(p.status));
}

function resourceTypeFilter(members: RequestMembers): string | undefined {
  const value = optionalString(members, 'resourceType');
  if (value === undefined) return undefined;
  const type = findResourceType(value);
  if (!type) throw new InvalidResourceTypeException(`The resource type ${value} is not valid.`);
  return type.resourceType;
}

/** The permissions a share grants: those named at creation, else each resource type's default. */
function sharePermissionArns(context: RamContext, share: ResourceShare): string[] {
  if (share.permissionArns.length > 0) return share.permissionArns;
  return context.state
    .associationsOf(share.arn, 'RESOURCE')
    .map((association) => defaultPermissionFor(association.resourceType ?? '')?.arn)
    .filter((arn): arn is string => arn !== undefined);
}
