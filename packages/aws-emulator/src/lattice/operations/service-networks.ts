// CreateServiceNetwork, GetServiceNetwork, UpdateServiceNetwork, DeleteServiceNetwork,
// ListServiceNetworks. Another account sees a service network shared with it through RAM (Get
// and List, with the owner's ARN); only the owner may change or delete it.
import { getServiceNetwork, iso, visible } from '../context.ts';
import type { OperationContext } from '../context.ts';
import { LatticeConflict, LatticeQuotaExceeded } from '../errors.ts';
import { buildArn, newId } from '../ids.ts';
import type { AuthType, ServiceNetworkRecord } from '../model.ts';
import { creationKey, paginate } from '../pagination.ts';
import { QUOTA_CODES } from '../quotas.ts';
import { compact, rememberToken, replayed } from '../route.ts';
import type { Route } from '../route.ts';
import { associationPhase } from '../state.ts';
import { checkName, checkTags, optBool, optObject, optString, reqString } from '../validate.ts';

export const AUTH_TYPES = ['NONE', 'AWS_IAM'] as const;

function counts(
  ctx: OperationContext,
  sn: ServiceNetworkRecord,
): { vpcs: number; services: number } {
  const live = (a: { serviceNetworkArn: string; activeAt: Date; deletedAt?: Date }): boolean =>
    a.serviceNetworkArn === sn.arn && associationPhase(a, ctx.now) !== 'DELETE_IN_PROGRESS';
  return {
    vpcs: [...ctx.state.vpcAssociations.values()].filter(live).length,
    services: [...ctx.state.serviceAssociations.values()].filter(live).length,
  };
}

function summary(sn: ServiceNetworkRecord): Record<string, unknown> {
  return compact({
    id: sn.id,
    name: sn.name,
    arn: sn.arn,
    authType: sn.authType,
    sharingConfig: { enabled: sn.sharingEnabled },
  });
}

function create(ctx: OperationContext): unknown {
  const earlier = replayed(ctx, 'CreateServiceNetwork', ctx.state.serviceNetworks);
  if (earlier) return summary(earlier);
  const name = reqString(ctx.body, 'name');
  checkName('name', name, 3, 63);
  const authType = (optString(ctx.body, 'authType', { enum: AUTH_TYPES }) ?? 'NONE') as AuthType;
  const sharing = optObject(ctx.body, 'sharingConfig');
  const sharingEnabled = sharing
    ? (optBool(sharing, 'enabled', 'sharingConfig.enabled') ?? true)
    : true;
  const tags = checkTags(ctx.body['tags']);
  const mine = [...ctx.state.serviceNetworks.values()].filter(
    (s) => s.accountId === ctx.scope.accountId && s.region === ctx.scope.region,
  );
  const clash = mine.find((s) => s.name === name);
  if (clash) {
    throw new LatticeConflict(
      'SERVICE_NETWORK',
      clash.id,
      `A service network named ${name} already exists`,
    );
  }
  if (mine.length >= ctx.quotas.serviceNetworksPerRegion) {
    throw new LatticeQuotaExceeded(
      'SERVICE_NETWORK',
      QUOTA_CODES.serviceNetworksPerRegion,
      ctx.quotas.serviceNetworksPerRegion,
    );
  }
  const id = newId('servicenetwork');
  const record: ServiceNetworkRecord = {
    ...ctx.scope,
    id,
    arn: buildArn(ctx.scope.region, ctx.scope.accountId, `servicenetwork/${id}`),
    name,
    authType,
    sharingEnabled,
    createdAt: ctx.now,
    lastUpdatedAt: ctx.now,
  };
  ctx.state.serviceNetworks.set(record.arn, record);
  if (tags) ctx.state.tags.set(record.arn, tags);
  rememberToken(ctx, 'CreateServiceNetwork', record.arn);
  return summary(record);
}

function get(ctx: OperationContext): unknown {
  const sn = getServiceNetwork(ctx, ctx.labels['serviceNetworkIdentifier'], { shareable: true });
  const n = counts(ctx, sn);
  return {
    ...summary(sn),
    createdAt: iso(sn.createdAt),
    lastUpdatedAt: iso(sn.lastUpdatedAt),
    numberOfAssociatedVPCs: n.vpcs,
    numberOfAssociatedServices: n.services,
  };
}

function update(ctx: OperationContext): unknown {
  const sn = getServiceNetwork(ctx, ctx.labels['serviceNetworkIdentifier']);
  sn.authType = reqString(ctx.body, 'authType', { enum: AUTH_TYPES }) as AuthType;
  sn.lastUpdatedAt = ctx.now;
  return { id: sn.id, name: sn.name, arn: sn.arn, authType: sn.authType };
}

function remove(ctx: OperationContext): unknown {
  const sn = getServiceNetwork(ctx, ctx.labels['serviceNetworkIdentifier']);
  const n = counts(ctx, sn);
  const pending = [
    ...ctx.state.vpcAssociations.values(),
    ...ctx.state.serviceAssociations.values(),
  ].some((a) => a.serviceNetworkArn === sn.arn);
  if (n.vpcs > 0 || n.services > 0 || pending) {
    throw new LatticeConflict(
      'SERVICE_NETWORK',
      sn.id,
      `Service network ${sn.id} has associations; delete its service and VPC associations first`,
    );
  }
  ctx.state.serviceNetworks.delete(sn.arn);
  ctx.state.dropAttachments(sn.arn);
  return undefined;
}

function list(ctx: OperationContext): unknown {
  const items = [...ctx.state.serviceNetworks.values()]
    .filter((sn) => visible(ctx, sn, true))
    .sort((a, b) => (creationKey(a) < creationKey(b) ? -1 : 1));
  const page = paginate(items, creationKey, ctx.query, 'ListServiceNetworks');
  return compact({
    items: page.items.map((sn) => {
      const n = counts(ctx, sn);
      return {
        id: sn.id,
        name: sn.name,
        arn: sn.arn,
        createdAt: iso(sn.createdAt),
        lastUpdatedAt: iso(sn.lastUpdatedAt),
        numberOfAssociatedVPCs: n.vpcs,
        numberOfAssociatedServices: n.services,
        numberOfAssociatedResourceConfigurations: 0,
      };
    }),
    nextToken: page.nextToken,
  });
}

export const serviceNetworkRoutes: Route[] = [
  {
    operation: 'CreateServiceNetwork',
    method: 'POST',
    path: '/servicenetworks',
    status: 201,
    mutating: true,
    handler: create,
  },
  {
    operation: 'ListServiceNetworks',
    method: 'GET',
    path: '/servicenetworks',
    status: 200,
    mutating: false,
    handler: list,
  },
  {
    operation: 'GetServiceNetwork',
    method: 'GET',
    path: '/servicenetworks/{serviceNetworkIdentifier}',
    status: 200,
    mutating: false,
    handler: get,
  },
  {
    operation: 'UpdateServiceNetwork',
    method: 'PATCH',
    path: '/servicenetworks/{serviceNetworkIdentifier}',
    status: 200,
    mutating: true,
    handler: update,
  },
  {
    operation: 'DeleteServiceNetwork',
    method: 'DELETE',
    path: '/servicenetworks/{serviceNetworkIdentifier}',
    status: 204,
    mutating: true,
    handler: remove,
  },
];
