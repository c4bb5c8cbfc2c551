// CreateService, GetService, UpdateService, DeleteService, ListServices. A service gets a
// generated DNS name `<name>-<17 hex of its ID>.<7-hex account label>.vpc-lattice-svcs.<region>.on.aws`
// in the region's Lattice hosted zone, the shape AWS hands out.
import { getService, iso, RESOURCE_TYPE, visible } from '../context.ts';
import type { OperationContext } from '../context.ts';
import { invalidField, LatticeConflict, LatticeQuotaExceeded } from '../errors.ts';
import { buildArn, dnsLabel, hostedZoneId, newId } from '../ids.ts';
import type { AuthType, ServiceRecord } from '../model.ts';
import { creationKey, paginate } from '../pagination.ts';
import { QUOTA_CODES } from '../quotas.ts';
import { compact, rememberToken, replayed } from '../route.ts';
import type { Route } from '../route.ts';
import { associationPhase } from '../state.ts';
import { checkName, checkTags, optInt, optString, reqString } from '../validate.ts';
import { AUTH_TYPES } from './service-networks.ts';

const CERTIFICATE_ARN =
  /^(arn(:[a-z0-9]+([.-][a-z0-9]+)*){2}(:([a-z0-9]+([.-][a-z0-9]+)*)?){2}:certificate\/[0-9a-z-]+)?$/;
const DOMAIN_NAME =
  /^(?=.{3,255}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

export function serviceStatus(svc: ServiceRecord, now: Date): string {
  return now < svc.activeAt ? 'CREATE_IN_PROGRESS' : 'ACTIVE';
}

function createResponse(ctx: OperationContext, svc: ServiceRecord): unknown {
  return compact({
    id: svc.id,
    arn: svc.arn,
    name: svc.name,
    customDomainName: svc.customDomainName,
    certificateArn: svc.certificateArn,
    status: serviceStatus(svc, ctx.now),
    authType: svc.authType,
    idleTimeoutSeconds: svc.idleTimeoutSeconds,
    dnsEntry: svc.dnsEntry,
  });
}

function create(ctx: OperationContext): unknown {
  const earlier = replayed(ctx, 'CreateService', ctx.state.services);
  if (earlier) return createResponse(ctx, earlier);
  const name = reqString(ctx.body, 'name');
  checkName('name', name, 3, 40, 'svc-');
  const authType = (optString(ctx.body, 'authType', { enum: AUTH_TYPES }) ?? 'NONE') as AuthType;
  const customDomainName = optString(ctx.body, 'customDomainName', { min: 3, max: 255 });
  if (customDomainName !== undefined && !DOMAIN_NAME.test(customDomainName)) {
    throw invalidField('customDomainName', 'must be a valid domain name');
  }
  const certificateArn =
    optString(ctx.body, 'certificateArn', { max: 2048, pattern: CERTIFICATE_ARN }) || undefined;
  const idleTimeoutSeconds = optInt(ctx.body, 'idleTimeoutSeconds', 60, 600);
  const tags = checkTags(ctx.body['tags']);
  const mine = [...ctx.state.services.values()].filter(
    (s) => s.accountId === ctx.scope.accountId && s.region === ctx.scope.region,
  );
  const clash = mine.find((s) => s.name === name);
  if (clash)
    throw new LatticeConflict(
      RESOURCE_TYPE.service,
      clash.id,
      `A service named ${name} already exists`,
    );
  if (mine.length >= ctx.quotas.servicesPerRegion) {
    throw new LatticeQuotaExceeded(
      RESOURCE_TYPE.service,
      QUOTA_CODES.servicesPerRegion,
      ctx.quotas.servicesPerRegion,
    );
  }
  const id = newId('service');
  const { region, accountId } = ctx.scope;
  const record: ServiceRecord = {
    ...ctx.scope,
    id,
    arn: buildArn(region, accountId, `service/${id}`),
    name,
    authType,
    ...(customDomainName === undefined ? {} : { customDomainName }),
    ...(certificateArn === undefined ? {} : { certificateArn }),
    idleTimeoutSeconds: idleTimeoutSeconds ?? 60,
    dnsEntry: {
      domainName: `${name}-${id.slice('svc-'.length)}.${dnsLabel(accountId, region)}.vpc-lattice-svcs.${region}.on.aws`,
      hostedZoneId: hostedZoneId(region),
    },
    createdAt: ctx.now,
    lastUpdatedAt: ctx.now,
    activeAt: new Date(ctx.now.getTime() + ctx.delayMs('CreateService')),
  };
  ctx.state.services.set(record.arn, record);
  if (tags) ctx.state.tags.set(record.arn, tags);
  rememberToken(ctx, 'CreateService', record.arn);
  return createResponse(ctx, record);
}

function get(ctx: OperationContext): unknown {
  const svc = getService(ctx, ctx.labels['serviceIdentifier'], { shareable: true });
  return compact({
    id: svc.id,
    name: svc.name,
    arn: svc.arn,
    createdAt: iso(svc.createdAt),
    lastUpdatedAt: iso(svc.lastUpdatedAt),
    dnsEntry: svc.dnsEntry,
    customDomainName: svc.customDomainName,
    certificateArn: svc.certificateArn,
    status: serviceStatus(svc, ctx.now),
    authType: svc.authType,
    idleTimeoutSeconds: svc.idleTimeoutSeconds,
  });
}

function update(ctx: OperationContext): unknown {
  const svc = getService(ctx, ctx.labels['serviceIdentifier']);
  const authType = optString(ctx.body, 'authType', { enum: AUTH_TYPES }) as AuthType | undefined;
  const certificateArn = optString(ctx.body, 'certificateArn', {
    max: 2048,
    pattern: CERTIFICATE_ARN,
  });
  const idleTimeoutSeconds = optInt(ctx.body, 'idleTimeoutSeconds', 60, 600);
  if (authType !== undefined) svc.authType = authType;
  if (idleTimeoutSeconds !== undefined) svc.idleTimeoutSeconds = idleTimeoutSeconds;
  if (certificateArn !== undefined) {
    if (certificateArn === '') delete svc.certificateArn;
    else svc.certificateArn = certificateArn;
  }
  svc.lastUpdatedAt = ctx.now;
  return compact({
    id: svc.id,
    arn: svc.arn,
    name: svc.name,
    customDomainName: svc.customDomainName,
    certificateArn: svc.certificateArn,
    authType: svc.authType,
    idleTimeoutSeconds: svc.idleTimeoutSeconds,
  });
}

function remove(ctx: OperationContext): unknown {
  const svc = getService(ctx, ctx.labels['serviceIdentifier']);
  const associated = [...ctx.state.serviceAssociations.values()].some(
    (a) => a.serviceArn === svc.arn && associationPhase(a, ctx.now) !== 'DELETE_IN_PROGRESS',
  );
  if (associated) {
    throw new LatticeConflict(
      RESOURCE_TYPE.service,
      svc.id,
      `Service ${svc.id} is associated with a service network; delete the association first`,
    );
  }
  // Deleting a service deletes its listeners and rules with it, as in AWS.
  for (const listener of ctx.state.listenersOf(svc.arn)) {
    for (const rule of ctx.state.rulesOf(listener.arn)) {
      ctx.state.rules.delete(rule.arn);
      ctx.state.tags.delete(rule.arn);
    }
    ctx.state.listeners.delete(listener.arn);
    ctx.state.tags.delete(listener.arn);
  }
  ctx.state.services.delete(svc.arn);
  ctx.state.dropAttachments(svc.arn);
  return { id: svc.id, arn: svc.arn, name: svc.name, status: 'DELETE_IN_PROGRESS' };
}

function list(ctx: OperationContext): unknown {
  const items = [...ctx.state.services.values()]
    .filter((s) => visible(ctx, s, true))
    .sort((a, b) => (creationKey(a) < creationKey(b) ? -1 : 1));
  const page = paginate(items, creationKey, ctx.query, 'ListServices');
  return compact({
    items: page.items.map((svc) =>
      compact({
        id: svc.id,
        name: svc.name,
        arn: svc.arn,
        createdAt: iso(svc.createdAt),
        lastUpdatedAt: iso(svc.lastUpdatedAt),
        dnsEntry: svc.dnsEntry,
        customDomainName: svc.customDomainName,
        status: serviceStatus(svc, ctx.now),
      }),
    ),
    nextToken: page.nextToken,
  });
}

export const serviceRoutes: Route[] = [
  {
    operation: 'CreateService',
    method: 'POST',
    path: '/services',
    status: 201,
    mutating: true,
    handler: create,
  },
  {
    operation: 'ListServices',
    method: 'GET',
    path: '/services',
    status: 200,
    mutating: false,
    handler: list,
  },
  {
    operation: 'GetService',
    method: 'GET',
    path: '/services/{serviceIdentifier}',
    status: 200,
    mutating: false,
    handler: get,
  },
  {
    operation: 'UpdateService',
    method: 'PATCH',
    path: '/services/{serviceIdentifier}',
    status: 200,
    mutating: true,
    handler: update,
  },
  {
    operation: 'DeleteService',
    method: 'DELETE',
    path: '/services/{serviceIdentifier}',
    status: 200,
    mutating: true,
    handler: remove,
  },
];
