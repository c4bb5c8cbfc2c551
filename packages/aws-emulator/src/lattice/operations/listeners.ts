// CreateListener, GetListener, UpdateListener, DeleteListener, ListListeners. Every listener has
// a default rule (listed by ListRules with isDefault) whose action is the listener's defaultAction.
import { parseAction } from '../actions.ts';
import { getListener, getService, iso, RESOURCE_TYPE } from '../context.ts';
import type { OperationContext } from '../context.ts';
import { invalidField, LatticeConflict, LatticeQuotaExceeded } from '../errors.ts';
import { newId } from '../ids.ts';
import type { ListenerProtocol, ListenerRecord, RuleRecord } from '../model.ts';
import { creationKey, paginate } from '../pagination.ts';
import { QUOTA_CODES } from '../quotas.ts';
import { compact, rememberToken, replayed } from '../route.ts';
import type { Route } from '../route.ts';
import { checkName, checkTags, optInt, reqString } from '../validate.ts';

const PROTOCOLS = ['HTTP', 'HTTPS', 'TLS_PASSTHROUGH'] as const;
const DEFAULT_PORT: Record<ListenerProtocol, number | undefined> = {
  HTTP: 80,
  HTTPS: 443,
  TLS_PASSTHROUGH: undefined,
};

function view(l: ListenerRecord): Record<string, unknown> {
  return {
    arn: l.arn,
    id: l.id,
    name: l.name,
    protocol: l.protocol,
    port: l.port,
    serviceArn: l.serviceArn,
    serviceId: l.serviceId,
    defaultAction: l.defaultAction,
  };
}

function create(ctx: OperationContext): unknown {
  const svc = getService(ctx, ctx.labels['serviceIdentifier']);
  const earlier = replayed(ctx, 'CreateListener', ctx.state.listeners);
  if (earlier) return view(earlier);
  const name = reqString(ctx.body, 'name');
  checkName('name', name, 3, 63, 'listener-');
  const protocol = reqString(ctx.body, 'protocol', { enum: PROTOCOLS }) as ListenerProtocol;
  const port = optInt(ctx.body, 'port', 1, 65535) ?? DEFAULT_PORT[protocol];
  if (port === undefined) throw invalidField('port', 'is required for TLS_PASSTHROUGH listeners');
  if (ctx.body['defaultAction'] === undefined) throw invalidField('defaultAction', 'is required');
  const defaultAction = parseAction(
    ctx,
    ctx.body['defaultAction'],
    'defaultAction',
    svc.arn,
    protocol,
  );
  const tags = checkTags(ctx.body['tags']);
  const siblings = ctx.state.listenersOf(svc.arn);
  const sameName = siblings.find((l) => l.name === name);
  if (sameName)
    throw new LatticeConflict(
      RESOURCE_TYPE.listener,
      sameName.id,
      `A listener named ${name} already exists`,
    );
  const samePort = siblings.find((l) => l.port === port);
  if (samePort) {
    throw new LatticeConflict(
      RESOURCE_TYPE.listener,
      samePort.id,
      `Service ${svc.id} already has a listener on port ${port}`,
    );
  }
  if (siblings.length >= ctx.quotas.listenersPerService) {
    throw new LatticeQuotaExceeded(
      RESOURCE_TYPE.listener,
      QUOTA_CODES.listenersPerService,
      ctx.quotas.listenersPerService,
      svc.id,
    );
  }
  const id = newId('listener');
  const arn = `${svc.arn}/listener/${id}`;
  const ruleId = newId('rule');
  const listener: ListenerRecord = {
    accountId: svc.accountId,
    region: svc.region,
    id,
    arn,
    serviceId: svc.id,
    serviceArn: svc.arn,
    name,
    protocol,
    port,
    defaultAction,
    defaultRuleId: ruleId,
    createdAt: ctx.now,
    lastUpdatedAt: ctx.now,
  };
  const defaultRule: RuleRecord = {
    accountId: svc.accountId,
    region: svc.region,
    id: ruleId,
    arn: `${arn}/rule/${ruleId}`,
    serviceId: svc.id,
    listenerId: id,
    listenerArn: arn,
    name: 'default',
    isDefault: true,
    action: defaultAction,
    createdAt: ctx.now,
    lastUpdatedAt: ctx.now,
  };
  ctx.state.listeners.set(arn, listener);
  ctx.state.rules.set(defaultRule.arn, defaultRule);
  if (tags) ctx.state.tags.set(arn, tags);
  rememberToken(ctx, 'CreateListener', arn);
  return view(listener);
}

function get(ctx: OperationContext): unknown {
  const svc = getService(ctx, ctx.labels['serviceIdentifier']);
  const l = getListener(ctx, svc, ctx.labels['listenerIdentifier']);
  return { ...view(l), createdAt: iso(l.createdAt), lastUpdatedAt: iso(l.lastUpdatedAt) };
}

function update(ctx: OperationContext): unknown {
  const svc = getService(ctx, ctx.labels['serviceIdentifier']);
  const l = getListener(ctx, svc, ctx.labels['listenerIdentifier']);
  if (ctx.body['defaultAction'] === undefined) throw invalidField('defaultAction', 'is required');
  const action = parseAction(ctx, ctx.body['defaultAction'], 'defaultAction', svc.arn, l.protocol);
  l.defaultAction = action;
  l.lastUpdatedAt = ctx.now;
  const rule = ctx.state.rules.get(`${l.arn}/rule/${l.defaultRuleId}`);
  if (rule) {
    rule.action = action;
    rule.lastUpdatedAt = ctx.now;
  }
  return view(l);
}

function remove(ctx: OperationContext): unknown {
  const svc = getService(ctx, ctx.labels['serviceIdentifier']);
  const l = getListener(ctx, svc, ctx.labels['listenerIdentifier']);
  for (const rule of ctx.state.rulesOf(l.arn)) {
    ctx.state.rules.delete(rule.arn);
    ctx.state.tags.delete(rule.arn);
  }
  ctx.state.listeners.delete(l.arn);
  ctx.state.tags.delete(l.arn);
  return undefined;
}

function list(ctx: OperationContext): unknown {
  const svc = getService(ctx, ctx.labels['serviceIdentifier']);
  const items = ctx.state
    .listenersOf(svc.arn)
    .sort((a, b) => (creationKey(a) < creationKey(b) ? -1 : 1));
  const page = paginate(items, creationKey, ctx.query, 'ListListeners');
  return compact({
    items: page.items.map((l) => ({
      arn: l.arn,
      id: l.id,
      name: l.name,
      protocol: l.protocol,
      port: l.port,
      createdAt: iso(l.createdAt),
      lastUpdatedAt: iso(l.lastUpdatedAt),
    })),
    nextToken: page.nextToken,
  });
}

const ONE = '/services/{serviceIdentifier}/listeners/{listenerIdentifier}';

export const listenerRoutes: Route[] = [
  {
    operation: 'CreateListener',
    method: 'POST',
    path: '/services/{serviceIdentifier}/listeners',
    status: 201,
    mutating: true,
    handler: create,
  },
  {
    operation: 'ListListeners',
    method: 'GET',
    path: '/services/{serviceIdentifier}/listeners',
    status: 200,
    mutating: false,
    handler: list,
  },
  {
    operation: 'GetListener',
    method: 'GET',
    path: ONE,
    status: 200,
    mutating: false,
    handler: get,
  },
  {
    operation: 'UpdateListener',
    method: 'PATCH',
    path: ONE,
    status: 200,
    mutating: true,
    handler: update,
  },
  {
    operation: 'DeleteListener',
    method: 'DELETE',
    path: ONE,
    status: 204,
    mutating: true,
    handler: remove,
  },
];
