// Service network ↔ service associations (snsa-). The caller must own the service or the service
// network; the other side may be another account's, shared with the caller through RAM (by ARN).
// Status goes CREATE_IN_PROGRESS → ACTIVE and DELETE_IN_PROGRESS → gone after
// consistencyDelayMs(<operation>), evaluated against the Clock.
import { getService, getServiceNetwork, identifierToArn, iso, RESOURCE_TYPE } from '../context.ts';
import type { OperationContext } from '../context.ts';
import {
  invalidField,
  LatticeAccessDenied,
  LatticeConflict,
  LatticeQuotaExceeded,
  ResourceNotFound,
} from '../errors.ts';
import { buildArn, newId } from '../ids.ts';
import type { ServiceAssociationRecord } from '../model.ts';
import { creationKey, paginate } from '../pagination.ts';
import { QUOTA_CODES } from '../quotas.ts';
import { compact, rememberToken, replayed } from '../route.ts';
import type { Route } from '../route.ts';
import { associationPhase } from '../state.ts';
import { checkTags, reqString } from '../validate.ts';

/** Who may see an association: its creator and the owners of both ends. */
function canSee(ctx: OperationContext, a: ServiceAssociationRecord): boolean {
  if (a.region !== ctx.scope.region) return false;
  const me = ctx.scope.accountId;
  const snOwner = a.serviceNetworkArn.split(':')[4];
  const svcOwner = a.serviceArn.split(':')[4];
  return a.createdBy === me || snOwner === me || svcOwner === me;
}

function find(ctx: OperationContext, identifier: string): ServiceAssociationRecord {
  const arn = identifierToArn(
    ctx,
    'servicenetworkserviceassociation',
    identifier,
    'serviceNetworkServiceAssociationIdentifier',
  );
  let record = ctx.state.serviceAssociations.get(arn);
  if (!record) {
    // An ID names the association wherever it lives, if the caller may see it (the SN owner sees
    // associations other accounts created in its service network).
    const id = arn.slice(arn.lastIndexOf('/') + 1);
    record = [...ctx.state.serviceAssociations.values()].find((a) => a.id === id);
  }
  if (!record || !canSee(ctx, record)) {
    throw new ResourceNotFound(
      RESOURCE_TYPE.servicenetworkserviceassociation,
      identifier,
      `Service network service association ${identifier} not found`,
    );
  }
  return record;
}

function details(ctx: OperationContext, a: ServiceAssociationRecord): Record<string, unknown> {
  const svc = ctx.state.services.get(a.serviceArn);
  const sn = ctx.state.serviceNetworks.get(a.serviceNetworkArn);
  return compact({
    id: a.id,
    status: associationPhase(a, ctx.now),
    arn: a.arn,
    createdBy: a.createdBy,
    createdAt: iso(a.createdAt),
    serviceId: a.serviceId,
    serviceName: svc?.name,
    serviceArn: a.serviceArn,
    serviceNetworkId: a.serviceNetworkId,
    serviceNetworkName: sn?.name,
    serviceNetworkArn: a.serviceNetworkArn,
    dnsEntry: svc?.dnsEntry,
    customDomainName: svc?.customDomainName,
  });
}

function createResponse(ctx: OperationContext, a: ServiceAssociationRecord): unknown {
  const svc = ctx.state.services.get(a.serviceArn);
  return compact({
    id: a.id,
    status: associationPhase(a, ctx.now),
    arn: a.arn,
    createdBy: a.createdBy,
    customDomainName: svc?.customDomainName,
    dnsEntry: svc?.dnsEntry,
  });
}

function create(ctx: OperationContext): unknown {
  const earlier = replayed(
    ctx,
    'CreateServiceNetworkServiceAssociation',
    ctx.state.serviceAssociations,
  );
  if (earlier) return createResponse(ctx, earlier);
  const svc = getService(ctx, reqString(ctx.body, 'serviceIdentifier', { min: 17, max: 2048 }), {
    shareable: true,
  });
  const sn = getServiceNetwork(
    ctx,
    reqString(ctx.body, 'serviceNetworkIdentifier', { min: 3, max: 2048 }),
    { shareable: true },
  );
  const tags = checkTags(ctx.body['tags']);
  const me = ctx.scope.accountId;
  if (svc.accountId !== me && sn.accountId !== me) {
    throw new LatticeAccessDenied(
      'You must own either the service or the service network to associate them',
    );
  }
  const existing = [...ctx.state.serviceAssociations.values()].find(
    (a) => a.serviceArn === svc.arn && a.serviceNetworkArn === sn.arn,
  );
  if (existing) {
    throw new LatticeConflict(
      RESOURCE_TYPE.servicenetworkserviceassociation,
      existing.id,
      associationPhase(existing, ctx.now) === 'DELETE_IN_PROGRESS'
        ? `The association ${existing.id} between ${svc.id} and ${sn.id} is being deleted`
        : `Service ${svc.id} is already associated with service network ${sn.id}`,
    );
  }
  const inNetwork = [...ctx.state.serviceAssociations.values()].filter(
    (a) => a.serviceNetworkArn === sn.arn,
  ).length;
  if (inNetwork >= ctx.quotas.serviceAssociationsPerServiceNetwork) {
    throw new LatticeQuotaExceeded(
      RESOURCE_TYPE.servicenetworkserviceassociation,
      QUOTA_CODES.serviceAssociationsPerServiceNetwork,
      ctx.quotas.serviceAssociationsPerServiceNetwork,
      sn.id,
    );
  }
  const id = newId('servicenetworkserviceassociation');
  const record: ServiceAssociationRecord = {
    ...ctx.scope,
    id,
    arn: buildArn(ctx.scope.region, me, `servicenetworkserviceassociation/${id}`),
    createdBy: me,
    serviceNetworkArn: sn.arn,
    serviceNetworkId: sn.id,
    serviceArn: svc.arn,
    serviceId: svc.id,
    createdAt: ctx.now,
    lastUpdatedAt: ctx.now,
    activeAt: new Date(ctx.now.getTime() + ctx.delayMs('CreateServiceNetworkServiceAssociation')),
  };
  ctx.state.serviceAssociations.set(record.arn, record);
  if (tags) ctx.state.tags.set(record.arn, tags);
  rememberToken(ctx, 'CreateServiceNetworkServiceAssociation', record.arn);
  return createResponse(ctx, record);
}

function get(ctx: OperationContext): unknown {
  return details(ctx, find(ctx, ctx.labels['serviceNetworkServiceAssociationIdentifier']));
}

function remove(ctx: OperationContext): unknown {
  const a = find(ctx, ctx.labels['serviceNetworkServiceAssociationIdentifier']);
  if (!a.deletedAt) {
    const delay = ctx.delayMs('DeleteServiceNetworkServiceAssociation');
    a.deletedAt = new Date(ctx.now.getTime() + delay);
    a.lastUpdatedAt = ctx.now;
    if (delay <= 0) ctx.state.settle(ctx.now);
  }
  return { id: a.id, status: 'DELETE_IN_PROGRESS', arn: a.arn };
}

function list(ctx: OperationContext): unknown {
  const snId = ctx.query.get('serviceNetworkIdentifier');
  const svcId = ctx.query.get('serviceIdentifier');
  if (snId === null && svcId === null) {
    throw invalidField(
      'serviceNetworkIdentifier',
      'either serviceNetworkIdentifier or serviceIdentifier is required',
    );
  }
  const snArn = snId === null ? undefined : getServiceNetwork(ctx, snId, { shareable: true }).arn;
  const svcArn = svcId === null ? undefined : getService(ctx, svcId, { shareable: true }).arn;
  const items = [...ctx.state.serviceAssociations.values()]
    .filter((a) => canSee(ctx, a))
    .filter((a) => snArn === undefined || a.serviceNetworkArn === snArn)
    .filter((a) => svcArn === undefined || a.serviceArn === svcArn)
    .sort((a, b) => (creationKey(a) < creationKey(b) ? -1 : 1));
  const page = paginate(items, creationKey, ctx.query, 'ListServiceNetworkServiceAssociations');
  return compact({ items: page.items.map((a) => details(ctx, a)), nextToken: page.nextToken });
}

const ONE = '/servicenetworkserviceassociations/{serviceNetworkServiceAssociationIdentifier}';

export const serviceAssociationRoutes: Route[] = [
  {
    operation: 'CreateServiceNetworkServiceAssociation',
    method: 'POST',
    path: '/servicenetworkserviceassociations',
    status: 200,
    mutating: true,
    handler: create,
  },
  {
    operation: 'ListServiceNetworkServiceAssociations',
    method: 'GET',
    path: '/servicenetworkserviceassociations',
    status: 200,
    mutating: false,
    handler: list,
  },
  {
    operation: 'GetServiceNetworkServiceAssociation',
    method: 'GET',
    path: ONE,
    status: 200,
    mutating: false,
    handler: get,
  },
  {
    operation: 'DeleteServiceNetworkServiceAssociation',
    method: 'DELETE',
    path: ONE,
    status: 200,
    mutating: true,
    handler: remove,
  },
];
