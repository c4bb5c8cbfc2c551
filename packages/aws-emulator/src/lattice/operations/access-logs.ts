// Access-log subscriptions on service networks and services. Destinations must be an S3 bucket,
// a CloudWatch Logs log group or a Firehose delivery stream ARN (the API reference lists these
// three); a resource has at most one subscription per destination type (and log type).
import { getPolicyResource, identifierToArn, iso, RESOURCE_TYPE } from '../context.ts';
import type { OperationContext } from '../context.ts';
import { invalidField, LatticeConflict, ResourceNotFound } from '../errors.ts';
import { buildArn, newId } from '../ids.ts';
import type { AccessLogSubscriptionRecord } from '../model.ts';
import { creationKey, paginate } from '../pagination.ts';
import { compact, rememberToken, replayed } from '../route.ts';
import type { Route } from '../route.ts';
import { checkTags, optString, reqString } from '../validate.ts';

const DESTINATIONS: Record<string, RegExp> = {
  s3: /^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/,
  logs: /^arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:log-group:[A-Za-z0-9_\-/.#]+(:\*)?$/,
  firehose: /^arn:aws[a-z-]*:firehose:[a-z0-9-]+:\d{12}:deliverystream\/[A-Za-z0-9_.-]+$/,
};

function destinationType(field: string, arn: string): string {
  if (arn.length < 20 || arn.length > 2048)
    throw invalidField(field, 'must be 20-2048 characters long');
  for (const [type, pattern] of Object.entries(DESTINATIONS)) if (pattern.test(arn)) return type;
  throw invalidField(
    field,
    'must be the ARN of an S3 bucket, a CloudWatch Logs log group or a Firehose delivery stream',
  );
}

function view(a: AccessLogSubscriptionRecord): Record<string, unknown> {
  return compact({
    id: a.id,
    arn: a.arn,
    resourceId: a.resourceId,
    resourceArn: a.resourceArn,
    destinationArn: a.destinationArn,
    serviceNetworkLogType: a.serviceNetworkLogType,
  });
}

function find(ctx: OperationContext): AccessLogSubscriptionRecord {
  const identifier = ctx.labels['accessLogSubscriptionIdentifier'];
  const arn = identifierToArn(
    ctx,
    'accesslogsubscription',
    identifier,
    'accessLogSubscriptionIdentifier',
  );
  const record = ctx.state.accessLogSubscriptions.get(arn);
  if (!record || record.accountId !== ctx.scope.accountId || record.region !== ctx.scope.region) {
    throw new ResourceNotFound(
      RESOURCE_TYPE.accesslogsubscription,
      identifier,
      `Access log subscription ${identifier} not found`,
    );
  }
  return record;
}

function create(ctx: OperationContext): unknown {
  const earlier = replayed(ctx, 'CreateAccessLogSubscription', ctx.state.accessLogSubscriptions);
  if (earlier) return view(earlier);
  const resource = getPolicyResource(
    ctx,
    reqString(ctx.body, 'resourceIdentifier', { min: 17, max: 200 }),
    'resourceIdentifier',
  );
  const destinationArn = reqString(ctx.body, 'destinationArn');
  const type = destinationType('destinationArn', destinationArn);
  const isNetwork = resource.arn.includes(':servicenetwork/');
  const logType = optString(ctx.body, 'serviceNetworkLogType', { enum: ['SERVICE', 'RESOURCE'] });
  if (logType !== undefined && !isNetwork) {
    throw invalidField('serviceNetworkLogType', 'applies only to service networks');
  }
  const tags = checkTags(ctx.body['tags']);
  const effectiveLogType = isNetwork ? (logType ?? 'SERVICE') : undefined;
  const clash = [...ctx.state.accessLogSubscriptions.values()].find(
    (a) =>
      a.resourceArn === resource.arn &&
      destinationType('destinationArn', a.destinationArn) === type &&
      a.serviceNetworkLogType === effectiveLogType,
  );
  if (clash) {
    throw new LatticeConflict(
      RESOURCE_TYPE.accesslogsubscription,
      clash.id,
      `${resource.id} already has an access log subscription to a ${type} destination`,
    );
  }
  const id = newId('accesslogsubscription');
  const record: AccessLogSubscriptionRecord = {
    ...ctx.scope,
    id,
    arn: buildArn(ctx.scope.region, ctx.scope.accountId, `accesslogsubscription/${id}`),
    resourceArn: resource.arn,
    resourceId: resource.id,
    destinationArn,
    ...(effectiveLogType === undefined ? {} : { serviceNetworkLogType: effectiveLogType }),
    createdAt: ctx.now,
    lastUpdatedAt: ctx.now,
  };
  ctx.state.accessLogSubscriptions.set(record.arn, record);
  if (tags) ctx.state.tags.set(record.arn, tags);
  rememberToken(ctx, 'CreateAccessLogSubscription', record.arn);
  return view(record);
}

function get(ctx: OperationContext): unknown {
  const a = find(ctx);
  return { ...view(a), createdAt: iso(a.createdAt), lastUpdatedAt: iso(a.lastUpdatedAt) };
}

function update(ctx: OperationContext): unknown {
  const a = find(ctx);
  const destinationArn = reqString(ctx.body, 'destinationArn');
  const type = destinationType('destinationArn', destinationArn);
  const clash = [...ctx.state.accessLogSubscriptions.values()].find(
    (o) =>
      o.arn !== a.arn &&
      o.resourceArn === a.resourceArn &&
      o.serviceNetworkLogType === a.serviceNetworkLogType &&
      destinationType('destinationArn', o.destinationArn) === type,
  );
  if (clash) {
    throw new LatticeConflict(
      RESOURCE_TYPE.accesslogsubscription,
      clash.id,
      `${a.resourceId} already has a ${type} access log subscription`,
    );
  }
  a.destinationArn = destinationArn;
  a.lastUpdatedAt = ctx.now;
  const { serviceNetworkLogType: _t, ...rest } = view(a);
  return rest;
}

function remove(ctx: OperationContext): unknown {
  const a = find(ctx);
  ctx.state.accessLogSubscriptions.delete(a.arn);
  ctx.state.tags.delete(a.arn);
  return undefined;
}

function list(ctx: OperationContext): unknown {
  const identifier = ctx.query.get('resourceIdentifier');
  if (identifier === null) throw invalidField('resourceIdentifier', 'is required');
  const resource = getPolicyResource(ctx, identifier, 'resourceIdentifier');
  const items = [...ctx.state.accessLogSubscriptions.values()]
    .filter((a) => a.resourceArn === resource.arn)
    .sort((a, b) => (creationKey(a) < creationKey(b) ? -1 : 1));
  const page = paginate(items, creationKey, ctx.query, 'ListAccessLogSubscriptions');
  return compact({
    items: page.items.map((a) => ({
      ...view(a),
      createdAt: iso(a.createdAt),
      lastUpdatedAt: iso(a.lastUpdatedAt),
    })),
    nextToken: page.nextToken,
  });
}

const ONE = '/accesslogsubscriptions/{accessLogSubscriptionIdentifier}';

export const accessLogRoutes: Route[] = [
  {
    operation: 'CreateAccessLogSubscription',
    method: 'POST',
    path: '/accesslogsubscriptions',
    status: 201,
    mutating: true,
    handler: create,
  },
  {
    operation: 'ListAccessLogSubscriptions',
    method: 'GET',
    path: '/accesslogsubscriptions',
    status: 200,
    mutating: false,
    handler: list,
  },
  {
    operation: 'GetAccessLogSubscription',
    method: 'GET',
    path: ONE,
    status: 200,
    mutating: false,
    handler: get,
  },
  {
    operation: 'UpdateAccessLogSubscription',
    method: 'PATCH',
    path: ONE,
    status: 200,
    mutating: true,
    handler: update,
  },
  {
    operation: 'DeleteAccessLogSubscription',
    method: 'DELETE',
    path: ONE,
    status: 204,
    mutating: true,
    handler: remove,
  },
];
