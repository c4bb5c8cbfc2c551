// Service network ↔ VPC associations (snva-). The VPC must be the caller's (AccountDirectory);
// the service network may be another account's when shared with the caller (by ARN). A VPC is
// associated with at most one service network. Status progresses like service associations.
import { getServiceNetwork, identifierToArn, iso, RESOURCE_TYPE } from '../context.ts';
import type { OperationContext } from '../context.ts';
import {
  invalidField,
  LatticeConflict,
  LatticeQuotaExceeded,
  ResourceNotFound,
} from '../errors.ts';
import { buildArn, newId } from '../ids.ts';
import type { VpcAssociationRecord } from '../model.ts';
import { creationKey, paginate } from '../pagination.ts';
import { QUOTA_CODES } from '../quotas.ts';
import { compact, rememberToken, replayed } from '../route.ts';
import type { Route } from '../route.ts';
import { associationPhase } from '../state.ts';
import { checkString, checkTags, optArray, optBool, reqArray, reqString } from '../validate.ts';
import { checkVpcUsable, VPC_ID } from '../vpcs.ts';

const SECURITY_GROUP = /^sg-(([0-9a-z]{8})|([0-9a-z]{17}))$/;

function parseSecurityGroups(list: unknown[]): string[] {
  return list.map((sg, i) => {
    if (typeof sg !== 'string') throw invalidField(`securityGroupIds[${i}]`, 'must be a string');
    checkString(`securityGroupIds[${i}]`, sg, { min: 5, max: 200, pattern: SECURITY_GROUP });
    return sg;
  });
}

function canSee(ctx: OperationContext, a: VpcAssociationRecord): boolean {
  if (a.region !== ctx.scope.region) return false;
  const me = ctx.scope.accountId;
  return a.createdBy === me || a.serviceNetworkArn.split(':')[4] === me;
}

function find(ctx: OperationContext, identifier: string): VpcAssociationRecord {
  const arn = identifierToArn(
    ctx,
    'servicenetworkvpcassociation',
    identifier,
    'serviceNetworkVpcAssociationIdentifier',
  );
  const id = arn.slice(arn.lastIndexOf('/') + 1);
  const record =
    ctx.state.vpcAssociations.get(arn) ??
    [...ctx.state.vpcAssociations.values()].find((a) => a.id === id);
  if (!record || !canSee(ctx, record)) {
    throw new ResourceNotFound(
      RESOURCE_TYPE.servicenetworkvpcassociation,
      identifier,
      `Service network VPC association ${identifier} not found`,
    );
  }
  return record;
}

function details(ctx: OperationContext, a: VpcAssociationRecord): Record<string, unknown> {
  const sn = ctx.state.serviceNetworks.get(a.serviceNetworkArn);
  return compact({
    id: a.id,
    status: associationPhase(a, ctx.now),
    arn: a.arn,
    createdBy: a.createdBy,
    createdAt: iso(a.createdAt),
    serviceNetworkId: a.serviceNetworkId,
    serviceNetworkName: sn?.name,
    serviceNetworkArn: a.serviceNetworkArn,
    vpcId: a.vpcId,
    securityGroupIds: a.securityGroupIds,
    lastUpdatedAt: iso(a.lastUpdatedAt),
  });
}

function shortView(ctx: OperationContext, a: VpcAssociationRecord): unknown {
  return {
    id: a.id,
    status: associationPhase(a, ctx.now),
    arn: a.arn,
    createdBy: a.createdBy,
    securityGroupIds: a.securityGroupIds,
  };
}

function create(ctx: OperationContext): unknown {
  const earlier = replayed(ctx, 'CreateServiceNetworkVpcAssociation', ctx.state.vpcAssociations);
  if (earlier) return shortView(ctx, earlier);
  const sn = getServiceNetwork(
    ctx,
    reqString(ctx.body, 'serviceNetworkIdentifier', { min: 3, max: 2048 }),
    { shareable: true },
  );
  const vpcId = reqString(ctx.body, 'vpcIdentifier', { min: 5, max: 50, pattern: VPC_ID });
  const securityGroupIds = parseSecurityGroups(optArray(ctx.body, 'securityGroupIds', 0, 5) ?? []);
  optBool(ctx.body, 'privateDnsEnabled');
  const tags = checkTags(ctx.body['tags']);
  checkVpcUsable(ctx, vpcId, 'vpcIdentifier');
  const existing = [...ctx.state.vpcAssociations.values()].find(
    (a) => a.vpcId === vpcId && a.region === ctx.scope.region,
  );
  if (existing) {
    throw new LatticeConflict(
      RESOURCE_TYPE.servicenetworkvpcassociation,
      existing.id,
      existing.serviceNetworkArn === sn.arn
        ? `VPC ${vpcId} is already associated with service network ${sn.id}`
        : `VPC ${vpcId} is already associated with another service network; a VPC can be associated with only one`,
    );
  }
  const inNetwork = [...ctx.state.vpcAssociations.values()].filter(
    (a) => a.serviceNetworkArn === sn.arn,
  ).length;
  if (inNetwork >= ctx.quotas.vpcAssociationsPerServiceNetwork) {
    throw new LatticeQuotaExceeded(
      RESOURCE_TYPE.servicenetworkvpcassociation,
      QUOTA_CODES.vpcAssociationsPerServiceNetwork,
      ctx.quotas.vpcAssociationsPerServiceNetwork,
      sn.id,
    );
  }
  const id = newId('servicenetworkvpcassociation');
  const me = ctx.scope.accountId;
  const record: VpcAssociationRecord = {
    ...ctx.scope,
    id,
    arn: buildArn(ctx.scope.region, me, `servicenetworkvpcassociation/${id}`),
    createdBy: me,
    serviceNetworkArn: sn.arn,
    serviceNetworkId: sn.id,
    vpcId,
    securityGroupIds,
    createdAt: ctx.now,
    lastUpdatedAt: ctx.now,
    activeAt: new Date(ctx.now.getTime() + ctx.delayMs('CreateServiceNetworkVpcAssociation')),
  };
  ctx.state.vpcAssociations.set(record.arn, record);
  if (tags) ctx.state.tags.set(record.arn, tags);
  rememberToken(ctx, 'CreateServiceNetworkVpcAssociation', record.arn);
  return shortView(ctx, record);
}

function get(ctx: OperationContext): unknown {
  return details(ctx, find(ctx, ctx.labels['serviceNetworkVpcAssociationIdentifier']));
}

function update(ctx: OperationContext): unknown {
  const a = find(ctx, ctx.labels['serviceNetworkVpcAssociationIdentifier']);
  const securityGroupIds = parseSecurityGroups(reqArray(ctx.body, 'securityGroupIds', 1, 5));
  if (associationPhase(a, ctx.now) === 'DELETE_IN_PROGRESS') {
    throw new LatticeConflict(
      RESOURCE_TYPE.servicenetworkvpcassociation,
      a.id,
      `Association ${a.id} is being deleted`,
    );
  }
  a.securityGroupIds = securityGroupIds;
  a.lastUpdatedAt = ctx.now;
  return shortView(ctx, a);
}

function remove(ctx: OperationContext): unknown {
  const a = find(ctx, ctx.labels['serviceNetworkVpcAssociationIdentifier']);
  if (!a.deletedAt) {
    const delay = ctx.delayMs('DeleteServiceNetworkVpcAssociation');
    a.deletedAt = new Date(ctx.now.getTime() + delay);
    a.lastUpdatedAt = ctx.now;
    if (delay <= 0) ctx.state.settle(ctx.now);
  }
  return { id: a.id, status: 'DELETE_IN_PROGRESS', arn: a.arn };
}

function list(ctx: OperationContext): unknown {
  const snId = ctx.query.get('serviceNetworkIdentifier');
  const vpcId = ctx.query.get('vpcIdentifier');
  if (snId === null && vpcId === null) {
    throw invalidField(
      'serviceNetworkIdentifier',
      'either serviceNetworkIdentifier or vpcIdentifier is required',
    );
  }
  if (vpcId !== null) checkString('vpcIdentifier', vpcId, { min: 5, max: 50, pattern: VPC_ID });
  const snArn = snId === null ? undefined : getServiceNetwork(ctx, snId, { shareable: true }).arn;
  const items = [...ctx.state.vpcAssociations.values()]
    .filter((a) => canSee(ctx, a))
    .filter((a) => snArn === undefined || a.serviceNetworkArn === snArn)
    .filter((a) => vpcId === null || a.vpcId === vpcId)
    .sort((a, b) => (creationKey(a) < creationKey(b) ? -1 : 1));
  const page = paginate(items, creationKey, ctx.query, 'ListServiceNetworkVpcAssociations');
  return compact({
    items: page.items.map((a) => {
      const { securityGroupIds: _sg, ...summary } = details(ctx, a);
      return summary;
    }),
    nextToken: page.nextToken,
  });
}

const ONE = '/servicenetworkvpcassociations/{serviceNetworkVpcAssociationIdentifier}';

export const vpcAssociationRoutes: Route[] = [
  {
    operation: 'CreateServiceNetworkVpcAssociation',
    method: 'POST',
    path: '/servicenetworkvpcassociations',
    status: 200,
    mutating: true,
    handler: create,
  },
  {
    operation: 'ListServiceNetworkVpcAssociations',
    method: 'GET',
    path: '/servicenetworkvpcassociations',
    status: 200,
    mutating: false,
    handler: list,
  },
  {
    operation: 'GetServiceNetworkVpcAssociation',
    method: 'GET',
    path: ONE,
    status: 200,
    mutating: false,
    handler: get,
  },
  {
    operation: 'UpdateServiceNetworkVpcAssociation',
    method: 'PATCH',
    path: ONE,
    status: 200,
    mutating: true,
    handler: update,
  },
  {
    operation: 'DeleteServiceNetworkVpcAssociation',
    method: 'DELETE',
    path: ONE,
    status: 200,
    mutating: true,
    handler: remove,
  },
];
