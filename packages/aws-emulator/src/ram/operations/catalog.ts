// ListResourceTypes, ListPermissions, GetPermission, EnableSharingWithAwsOrganization: what can be
// shared, with which AWS managed permissions, and the organisation-wide switch.
import type { AwsRequest } from '../../core/contracts.ts';
import { epochSeconds } from '../../core/protocols/rest-json.ts';
import { requireArn } from '../arns.ts';
import { paginate } from '../pagination.ts';
import type { RamContext } from '../ram-context.ts';
import {
  InvalidResourceTypeException,
  OperationNotPermittedException,
  UnknownResourceException,
} from '../ram-errors.ts';
import {
  optionalEnum,
  optionalInteger,
  optionalString,
  readJsonBody,
  requiredString,
} from '../request-input.ts';
import type { ManagedPermission } from '../resource-types.ts';
import {
  MANAGED_PERMISSIONS,
  MANAGED_PERMISSION_CREATED,
  SHAREABLE_RESOURCE_TYPES,
  findManagedPermission,
  findResourceType,
} from '../resource-types.ts';

export function listResourceTypes(context: RamContext, request: AwsRequest): unknown {
  const members = readJsonBody(request);
  const scope =
    optionalEnum(members, 'resourceRegionScope', ['ALL', 'REGIONAL', 'GLOBAL'] as const) ?? 'ALL';
  const maxResults = optionalInteger(members, 'maxResults');
  const nextToken = optionalString(members, 'nextToken');
  const types = SHAREABLE_RESOURCE_TYPES.filter(
    (type) => scope === 'ALL' || type.resourceRegionScope === scope,
  ).map((type) => ({
    resourceType: type.resourceType,
    serviceName: type.serviceName,
    resourceRegionScope: type.resourceRegionScope,
  }));
  const page = paginate(types, maxResults, nextToken, [
    'ListResourceTypes',
    context.caller.accountId,
    scope,
  ]);
  return {
    resourceTypes: page.items,
    ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }),
  };
}

export function listPermissions(context: RamContext, request: AwsRequest): unknown {
  const members = readJsonBody(request);
  const resourceType = optionalString(members, 'resourceType');
  const permissionType =
    optionalEnum(members, 'permissionType', ['ALL', 'AWS_MANAGED', 'CUSTOMER_MANAGED'] as const) ??
    'ALL';
  const maxResults = optionalInteger(members, 'maxResults');
  const nextToken = optionalString(members, 'nextToken');
  let wanted: string | undefined;
  if (resourceType !== undefined) {
    const type = findResourceType(resourceType);
    if (!type)
      throw new InvalidResourceTypeException(`The resource type ${resourceType} is not valid.`);
    wanted = type.resourceType;
  }
  // Customer managed permissions are not modelled, so only AWS managed ones are ever listed.
  const permissions = MANAGED_PERMISSIONS.filter(
    (permission) =>
      permissionType !== 'CUSTOMER_MANAGED' &&
      (wanted === undefined || permission.resourceType === wanted),
  ).map(permissionSummary);
  const page = paginate(permissions, maxResults, nextToken, [
    'ListPermissions',
    context.caller.accountId,
    wanted,
    permissionType,
  ]);
  return {
    permissions: page.items,
    ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }),
  };
}

export function getPermission(_context: RamContext, request: AwsRequest): unknown {
  const members = readJsonBody(request);
  const arn = requiredString(members, 'permissionArn');
  const version = optionalInteger(members, 'permissionVersion');
  requireArn(arn);
  const permission = findManagedPermission(arn);
  if (!permission || (version !== undefined && String(version) !== permission.version)) {
    throw new UnknownResourceException(`Permission ${arn} could not be found.`);
  }
  return {
    permission: { ...permissionSummary(permission), permission: policyTemplate(permission) },
  };
}

/**
 * Turns on sharing within the caller's organisation (no invitations for member accounts). Only
 * the organisation's management account may call it, as in AWS.
 */
export function enableSharingWithAwsOrganization(
  context: RamContext,
  _request: AwsRequest,
): unknown {
  const caller = context.caller.accountId;
  const organizationId = context.deps.accounts.organizationOf(caller);
  if (organizationId === undefined) {
    throw new OperationNotPermittedException(
      `Account ${caller} is not a member of an AWS Organization.`,
    );
  }
  if (context.deps.accounts.managementAccountOf(organizationId) !== caller) {
    throw new OperationNotPermittedException(
      `Account ${caller} is not the management account of organization ${organizationId}; only the management account can enable sharing with AWS Organizations.`,
    );
  }
  context.state.organizationsSharingEnabled.add(organizationId);
  return { returnValue: true };
}

function permissionSummary(permission: ManagedPermission): Record<string, unknown> {
  return {
    arn: permission.arn,
    version: permission.version,
    defaultVersion: true,
    name: permission.name,
    resourceType: permission.resourceType,
    status: 'ATTACHABLE',
    creationTime: epochSeconds(MANAGED_PERMISSION_CREATED),
    lastUpdatedTime: epochSeconds(MANAGED_PERMISSION_CREATED),
    isResourceTypeDefault: true,
    permissionType: 'AWS_MANAGED',
    featureSet: 'STANDARD',
  };
}

/** The policy text a receiver is granted; actions are what associating a VPC/service needs. */
function policyTemplate(permission: ManagedPermission): string {
  const actions =
    permission.resourceType === 'vpc-lattice:ServiceNetwork'
      ? [
          'vpc-lattice:CreateServiceNetworkVpcAssociation',
          'vpc-lattice:CreateServiceNetworkServiceAssociation',
          'vpc-lattice:GetServiceNetwork',
        ]
      : ['vpc-lattice:CreateServiceNetworkServiceAssociation', 'vpc-lattice:GetService'];
  return JSON.stringify({ Effect: 'Allow', Action: actions });
}
