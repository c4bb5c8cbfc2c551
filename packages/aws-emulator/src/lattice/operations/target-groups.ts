// CreateTargetGroup, GetTargetGroup, UpdateTargetGroup (health check), DeleteTargetGroup,
// ListTargetGroups. Defaults follow the API reference: port 80/443 by protocol, HTTP1, IPV4,
// and health checks on (HTTP, "/", 30 s interval, 5 s timeout, 5 healthy / 2 unhealthy, 200)
// except for HTTP2/GRPC target groups, where they start disabled.
import { getTargetGroup, iso, RESOURCE_TYPE } from '../context.ts';
import type { OperationContext } from '../context.ts';
import { invalidField, LatticeConflict, LatticeQuotaExceeded } from '../errors.ts';
import { buildArn, newId } from '../ids.ts';
import type {
  HealthCheckConfig,
  TargetGroupConfig,
  TargetGroupRecord,
  TargetGroupType,
} from '../model.ts';
import { creationKey, paginate } from '../pagination.ts';
import { QUOTA_CODES } from '../quotas.ts';
import { compact, rememberToken, replayed } from '../route.ts';
import type { Route } from '../route.ts';
import {
  checkName,
  checkTags,
  optBool,
  optInt,
  optObject,
  optString,
  reqObject,
  reqString,
} from '../validate.ts';
import type { Json } from '../validate.ts';
import { checkVpcUsable, VPC_ID } from '../vpcs.ts';

const TYPES = ['IP', 'LAMBDA', 'INSTANCE', 'ALB'] as const;
const PROTOCOLS = ['HTTP', 'HTTPS', 'TCP'] as const;
const PROTOCOL_VERSIONS = ['HTTP1', 'HTTP2', 'GRPC'] as const;
const HEALTH_PATH = /^(\/[a-zA-Z0-9@:%_+.~#?&/=-]*|)$/;

function parseHealthCheck(raw: Json, label: string, base: HealthCheckConfig): HealthCheckConfig {
  const out: HealthCheckConfig = { ...base };
  const enabled = optBool(raw, 'enabled', `${label}.enabled`);
  if (enabled !== undefined) out.enabled = enabled;
  const protocol = optString(raw, 'protocol', { enum: ['HTTP', 'HTTPS'] }, `${label}.protocol`);
  if (protocol !== undefined) out.protocol = protocol;
  const protocolVersion = optString(
    raw,
    'protocolVersion',
    { enum: ['HTTP1', 'HTTP2'] },
    `${label}.protocolVersion`,
  );
  if (protocolVersion !== undefined) out.protocolVersion = protocolVersion;
  const port = optInt(raw, 'port', 1, 65535, `${label}.port`);
  if (port !== undefined) out.port = port;
  const path = optString(raw, 'path', { max: 2048, pattern: HEALTH_PATH }, `${label}.path`);
  if (path !== undefined) out.path = path;
  const interval = optInt(
    raw,
    'healthCheckIntervalSeconds',
    5,
    300,
    `${label}.healthCheckIntervalSeconds`,
  );
  if (interval !== undefined) out.healthCheckIntervalSeconds = interval;
  const timeout = optInt(
    raw,
    'healthCheckTimeoutSeconds',
    1,
    120,
    `${label}.healthCheckTimeoutSeconds`,
  );
  if (timeout !== undefined) out.healthCheckTimeoutSeconds = timeout;
  const healthy = optInt(raw, 'healthyThresholdCount', 2, 10, `${label}.healthyThresholdCount`);
  if (healthy !== undefined) out.healthyThresholdCount = healthy;
  const unhealthy = optInt(
    raw,
    'unhealthyThresholdCount',
    2,
    10,
    `${label}.unhealthyThresholdCount`,
  );
  if (unhealthy !== undefined) out.unhealthyThresholdCount = unhealthy;
  const matcher = optObject(raw, 'matcher', `${label}.matcher`);
  if (matcher) {
    const httpCode = reqString(
      matcher,
      'httpCode',
      { max: 2000, pattern: /^[0-9-,]+$/ },
      `${label}.matcher.httpCode`,
    );
    out.matcher = { httpCode };
  }
  return out;
}

function defaultHealthCheck(protocolVersion: string): HealthCheckConfig {
  return {
    enabled: protocolVersion === 'HTTP1',
    protocol: 'HTTP',
    protocolVersion: 'HTTP1',
    path: '/',
    healthCheckIntervalSeconds: 30,
    healthCheckTimeoutSeconds: 5,
    healthyThresholdCount: 5,
    unhealthyThresholdCount: 2,
    matcher: { httpCode: '200' },
  };
}

function parseConfig(ctx: OperationContext, type: TargetGroupType): TargetGroupConfig {
  const raw = optObject(ctx.body, 'config');
  if (type === 'LAMBDA') {
    const extra = Object.keys(raw ?? {}).filter((k) => k !== 'lambdaEventStructureVersion');
    if (extra.length > 0)
      throw invalidField(`config.${extra[0]}`, 'is not supported for LAMBDA target groups');
    const version = raw
      ? optString(
          raw,
          'lambdaEventStructureVersion',
          { enum: ['V1', 'V2'] },
          'config.lambdaEventStructureVersion',
        )
      : undefined;
    return { lambdaEventStructureVersion: version ?? 'V1' };
  }
  if (!raw) throw invalidField('config', `is required for ${type} target groups`);
  if (raw['lambdaEventStructureVersion'] !== undefined) {
    throw invalidField(
      'config.lambdaEventStructureVersion',
      'is supported only for LAMBDA target groups',
    );
  }
  const protocol = reqString(
    raw,
    'protocol',
    { enum: type === 'ALB' ? ['HTTP', 'HTTPS'] : PROTOCOLS },
    'config.protocol',
  );
  const port =
    optInt(raw, 'port', 1, 65535, 'config.port') ??
    (protocol === 'HTTP' ? 80 : protocol === 'HTTPS' ? 443 : undefined);
  if (port === undefined) throw invalidField('config.port', 'is required for TCP target groups');
  const vpcIdentifier = reqString(
    raw,
    'vpcIdentifier',
    { min: 5, max: 50, pattern: VPC_ID },
    'config.vpcIdentifier',
  );
  checkVpcUsable(ctx, vpcIdentifier, 'config.vpcIdentifier');
  const protocolVersion =
    optString(raw, 'protocolVersion', { enum: PROTOCOL_VERSIONS }, 'config.protocolVersion') ??
    (protocol === 'TCP' ? undefined : 'HTTP1');
  const config: TargetGroupConfig = { port, protocol, vpcIdentifier };
  if (protocolVersion !== undefined) config.protocolVersion = protocolVersion;
  const ipAddressType = optString(
    raw,
    'ipAddressType',
    { enum: ['IPV4', 'IPV6'] },
    'config.ipAddressType',
  );
  if (ipAddressType !== undefined && type !== 'IP') {
    throw invalidField('config.ipAddressType', 'is supported only for IP target groups');
  }
  if (type === 'IP') config.ipAddressType = ipAddressType ?? 'IPV4';
  const hc = optObject(raw, 'healthCheck', 'config.healthCheck');
  if (type === 'ALB') {
    if (hc) throw invalidField('config.healthCheck', 'is not supported for ALB target groups');
  } else {
    config.healthCheck = parseHealthCheck(
      hc ?? {},
      'config.healthCheck',
      defaultHealthCheck(protocolVersion ?? 'HTTP1'),
    );
  }
  return config;
}

export function targetGroupStatus(tg: TargetGroupRecord, now: Date): string {
  return now < tg.activeAt ? 'CREATE_IN_PROGRESS' : 'ACTIVE';
}

function view(ctx: OperationContext, tg: TargetGroupRecord): Record<string, unknown> {
  return {
    id: tg.id,
    arn: tg.arn,
    name: tg.name,
    type: tg.type,
    config: tg.config,
    status: targetGroupStatus(tg, ctx.now),
  };
}

function create(ctx: OperationContext): unknown {
  const earlier = replayed(ctx, 'CreateTargetGroup', ctx.state.targetGroups);
  if (earlier) return view(ctx, earlier);
  const name = reqString(ctx.body, 'name');
  checkName('name', name, 3, 128, 'tg-');
  const type = reqString(ctx.body, 'type', { enum: TYPES }) as TargetGroupType;
  const config = parseConfig(ctx, type);
  const tags = checkTags(ctx.body['tags']);
  const mine = [...ctx.state.targetGroups.values()].filter(
    (t) => t.accountId === ctx.scope.accountId && t.region === ctx.scope.region,
  );
  const clash = mine.find((t) => t.name === name);
  if (clash)
    throw new LatticeConflict(
      RESOURCE_TYPE.targetgroup,
      clash.id,
      `A target group named ${name} already exists`,
    );
  if (mine.length >= ctx.quotas.targetGroupsPerRegion) {
    throw new LatticeQuotaExceeded(
      RESOURCE_TYPE.targetgroup,
      QUOTA_CODES.targetGroupsPerRegion,
      ctx.quotas.targetGroupsPerRegion,
    );
  }
  const id = newId('targetgroup');
  const record: TargetGroupRecord = {
    ...ctx.scope,
    id,
    arn: buildArn(ctx.scope.region, ctx.scope.accountId, `targetgroup/${id}`),
    name,
    type,
    config,
    targets: new Map(),
    createdAt: ctx.now,
    lastUpdatedAt: ctx.now,
    activeAt: new Date(ctx.now.getTime() + ctx.delayMs('CreateTargetGroup')),
  };
  ctx.state.targetGroups.set(record.arn, record);
  if (tags) ctx.state.tags.set(record.arn, tags);
  rememberToken(ctx, 'CreateTargetGroup', record.arn);
  return view(ctx, record);
}

function get(ctx: OperationContext): unknown {
  const tg = getTargetGroup(ctx, ctx.labels['targetGroupIdentifier']);
  return {
    ...view(ctx, tg),
    createdAt: iso(tg.createdAt),
    lastUpdatedAt: iso(tg.lastUpdatedAt),
    serviceArns: ctx.state.servicesUsingTargetGroup(tg.id),
  };
}

function update(ctx: OperationContext): unknown {
  const tg = getTargetGroup(ctx, ctx.labels['targetGroupIdentifier']);
  const hc = reqObject(ctx.body, 'healthCheck');
  if (tg.type === 'LAMBDA' || tg.type === 'ALB') {
    throw invalidField(
      'healthCheck',
      `health checks are not supported for ${tg.type} target groups`,
    );
  }
  tg.config.healthCheck = parseHealthCheck(
    hc,
    'healthCheck',
    tg.config.healthCheck ?? defaultHealthCheck('HTTP1'),
  );
  tg.lastUpdatedAt = ctx.now;
  return view(ctx, tg);
}

function remove(ctx: OperationContext): unknown {
  const tg = getTargetGroup(ctx, ctx.labels['targetGroupIdentifier']);
  const users = ctx.state.servicesUsingTargetGroup(tg.id);
  if (users.length > 0) {
    throw new LatticeConflict(
      RESOURCE_TYPE.targetgroup,
      tg.id,
      `Target group ${tg.id} is used by a listener or rule of service ${users[0]}`,
    );
  }
  ctx.state.targetGroups.delete(tg.arn);
  ctx.state.tags.delete(tg.arn);
  return { id: tg.id, arn: tg.arn, status: 'DELETE_IN_PROGRESS' };
}

function list(ctx: OperationContext): unknown {
  const vpc = ctx.query.get('vpcIdentifier');
  const type = ctx.query.get('targetGroupType');
  if (type !== null && !(TYPES as readonly string[]).includes(type))
    throw invalidField('targetGroupType', `must be one of ${TYPES.join(', ')}`);
  const items = [...ctx.state.targetGroups.values()]
    .filter((t) => t.accountId === ctx.scope.accountId && t.region === ctx.scope.region)
    .filter((t) => vpc === null || t.config.vpcIdentifier === vpc)
    .filter((t) => type === null || t.type === type)
    .sort((a, b) => (creationKey(a) < creationKey(b) ? -1 : 1));
  const page = paginate(items, creationKey, ctx.query, 'ListTargetGroups');
  return compact({
    items: page.items.map((tg) =>
      compact({
        id: tg.id,
        arn: tg.arn,
        name: tg.name,
        type: tg.type,
        createdAt: iso(tg.createdAt),
        port: tg.config.port,
        protocol: tg.config.protocol,
        ipAddressType: tg.config.ipAddressType,
        vpcIdentifier: tg.config.vpcIdentifier,
        lastUpdatedAt: iso(tg.lastUpdatedAt),
        status: targetGroupStatus(tg, ctx.now),
        serviceArns: ctx.state.servicesUsingTargetGroup(tg.id),
        lambdaEventStructureVersion: tg.config.lambdaEventStructureVersion,
      }),
    ),
    nextToken: page.nextToken,
  });
}

const ONE = '/targetgroups/{targetGroupIdentifier}';

export const targetGroupRoutes: Route[] = [
  {
    operation: 'CreateTargetGroup',
    method: 'POST',
    path: '/targetgroups',
    status: 201,
    mutating: true,
    handler: create,
  },
  {
    operation: 'ListTargetGroups',
    method: 'GET',
    path: '/targetgroups',
    status: 200,
    mutating: false,
    handler: list,
  },
  {
    operation: 'GetTargetGroup',
    method: 'GET',
    path: ONE,
    status: 200,
    mutating: false,
    handler: get,
  },
  {
    operation: 'UpdateTargetGroup',
    method: 'PATCH',
    path: ONE,
    status: 200,
    mutating: true,
    handler: update,
  },
  {
    operation: 'DeleteTargetGroup',
    method: 'DELETE',
    path: ONE,
    status: 200,
    mutating: true,
    handler: remove,
  },
];
